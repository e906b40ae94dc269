/**
 * Process entry point: reads the configuration, starts Puente, and stops it cleanly on a signal.
 */
import { startPuente } from './app';
import { ConfigError, loadConfig } from './config';
import { errorFacts } from './errors';

export async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const puente = await startPuente(config);
  puente.log.info(
    {
      code: 'LISTENING',
      url: puente.url,
      auth: config.botFramework ? 'bot-framework' : 'anonymous (expectReplies only)',
      store: puente.backend?.kind,
      contentReviewed: puente.texts.contentReviewed,
    },
    'Puente is listening',
  );
  const timings = puente.timings;
  if (timings && process.send) {
    // The benchmark that started this process asks for the timing totals around its measured window.
    process.on('message', (message) => {
      if (message === 'bench:timings') process.send?.(timings.snapshot());
    });
  }
  const stop = (signal: string) => {
    puente.log.info({ code: 'SHUTDOWN', signal }, 'shutting down');
    void puente.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  // Last resort: a coded line (class name and stack frames, never a message), then exit so the
  // supervisor restarts the process. Every answer is already in the store; nothing is lost.
  process.on('uncaughtException', (err) => {
    puente.log.fatal({ code: 'UNCAUGHT_EXCEPTION', err: errorFacts(err) }, 'uncaught exception; exiting');
    process.exit(70);
  });
  process.on('unhandledRejection', (reason) => {
    puente.log.fatal({ code: 'UNHANDLED_REJECTION', err: errorFacts(reason) }, 'unhandled promise rejection; exiting');
    process.exit(70);
  });
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`Puente failed to start: ${(err as Error)?.message ?? String(err)}\n`);
    process.exit(1);
  });
}
