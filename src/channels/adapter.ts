/**
 * The Bot Framework adapter with channel authentication when an app id is configured, and the one
 * place unexpected turn errors are caught.
 */
import { CloudAdapter, type ConfigurationBotFrameworkAuthenticationOptions, type TurnContext } from 'botbuilder';
import type { AppConfig } from '../config';
import { ReusedClientsAuthentication } from './reusedClients';

export interface ErrorLogger {
  error(obj: Record<string, unknown>, msg: string): void;
}

export function createAdapter(config: AppConfig, log: ErrorLogger, apology: string, hash: (id: string) => string): CloudAdapter {
  const bf = config.botFramework;
  const options: Partial<ConfigurationBotFrameworkAuthenticationOptions> = bf
    ? {
        MicrosoftAppId: bf.appId,
        MicrosoftAppPassword: bf.appPassword,
        MicrosoftAppType: bf.appType,
        MicrosoftAppTenantId: bf.tenantId,
      }
    : {};
  const adapter = new CloudAdapter(new ReusedClientsAuthentication(options));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // Logged with a code and no message content; the session is left as it was, so nothing is lost.
    log.error(
      { code: 'TURN_FAILED', err: { name: error?.name, message: error?.message }, conv: hash(context.activity.conversation?.id ?? '') },
      'unexpected error in a turn',
    );
    try {
      await context.sendActivity({ type: 'message', text: apology });
    } catch {
      // Nothing more can be said to this person; the log line above is the record.
    }
  };
  return adapter;
}
