/**
 * Baseline 1, the HTTP limit: a bare restify server whose /api/messages parses the JSON body and sends
 * it back. No security headers, no validation, no bot: what any restify route costs at least.
 */
import restify, { type Request, type Response } from 'restify';

const server = restify.createServer({ name: 'restify-echo', handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ maxBodySize: 64 * 1024, mapParams: false }));
server.post('/api/messages', (req: Request, res: Response, next: () => void) => {
  res.send(200, req.body);
  next();
});
server.get('/readyz', (_req: Request, res: Response, next: () => void) => {
  res.send(200, { status: 'ready' });
  next();
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
