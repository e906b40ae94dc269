/**
 * The Bot Framework adapter with channel authentication when an app id is configured, and the one
 * place unexpected turn errors are caught.
 */
import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationConstants, GovernmentConstants, type ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Request, Response } from 'restify';
import type { AppConfig, BotFrameworkConfig } from '../config';
import { ChannelAuthenticator, DEFAULT_AUTH_TIMEOUT_MS, type AuthFailure } from './channelAuth';
import { errorFacts } from '../errors';
import { ReusedClientsAuthentication } from './reusedClients';

export interface ErrorLogger {
  error(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
}

/**
 * What tests may replace in the Bot Framework plumbing. Production passes nothing.
 * - `credentialsFactory`: where outgoing calls to a channel get their token. botbuilder's own
 *   factory asks Microsoft Entra ID (login.microsoftonline.com) or the managed identity endpoint,
 *   neither of which a test can reach; a test supplies a factory that keeps botbuilder's app id
 *   checks and only hands out a token its fake channel accepts.
 * - `authTimeoutMs`: how long a request may wait for the signing keys before it gets its 401.
 */
export interface ChannelOverrides {
  credentialsFactory?: ServiceClientCredentialsFactory;
  authTimeoutMs?: number;
}

/**
 * botbuilder's options for our configuration. Setting any endpoint makes botbuilder expect all of
 * them ("parameterized" mode), so an OpenID metadata override comes with the rest of the cloud's
 * defaults: public Azure, or the US Government cloud when `ChannelService` says so.
 */
export function authOptions(bf: BotFrameworkConfig | undefined): Partial<ConfigurationBotFrameworkAuthenticationOptions> {
  if (!bf) return {};
  const base: Partial<ConfigurationBotFrameworkAuthenticationOptions> = {
    MicrosoftAppId: bf.appId,
    MicrosoftAppPassword: bf.appPassword,
    MicrosoftAppType: bf.appType,
    MicrosoftAppTenantId: bf.tenantId,
  };
  if (!bf.openIdMetadata) return bf.channelService ? { ...base, ChannelService: bf.channelService } : base;
  const gov = bf.channelService === GovernmentConstants.ChannelService;
  const cloud = gov ? GovernmentConstants : AuthenticationConstants;
  return {
    ...base,
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: cloud.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: cloud.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: cloud.ToBotFromChannelTokenIssuer,
    OAuthUrl: cloud.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: bf.openIdMetadata.channel ?? cloud.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: bf.openIdMetadata.emulator ?? cloud.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: gov ? CallerIdConstants.USGovChannel : CallerIdConstants.PublicAzureChannel,
  };
}

/**
 * A CloudAdapter whose requests are authenticated first, by `ChannelAuthenticator`: a request that
 * fails gets a 401 with a fixed body and runs no turn. botbuilder's own `process` would answer some
 * failures (a bad signature, an unreachable metadata endpoint) with a 500 and print the error.
 */
export class PuenteAdapter extends CloudAdapter {
  constructor(
    auth: ConfigurationBotFrameworkAuthentication,
    private readonly authenticator: ChannelAuthenticator,
    private readonly log: ErrorLogger,
  ) {
    super(auth);
  }

  /** Handles `POST /api/messages` for a body already checked by `checkActivity`. */
  async handle(req: Request, res: Response, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = req.body as Activity;
    const header = req.headers.authorization;
    const outcome = await this.authenticator.authenticate(activity, typeof header === 'string' ? header : undefined);
    if (!outcome.ok) {
      this.refuse(res, outcome.reason, activity.channelId);
      return;
    }
    try {
      const invoke = await this.processActivity(outcome.result, activity, logic);
      res.send(invoke?.status ?? 200, invoke?.body);
    } catch (err) {
      // Turn errors are answered by onTurnError; this is the connector or the pipeline failing.
      this.log.error({ code: 'ACTIVITY_FAILED', name: (err as Error)?.name, channel: activity.channelId }, 'activity could not be processed');
      res.send(500, { error: 'internal error' });
    }
  }

  private refuse(res: Response, reason: AuthFailure, channel: string): void {
    this.log.warn({ code: 'AUTH_REFUSED', reason, channel }, 'request without a valid Bot Framework token');
    res.send(401, { error: 'unauthorized' });
  }
}

export function createAdapter(
  config: AppConfig,
  log: ErrorLogger,
  apology: string,
  hash: (id: string) => string,
  overrides: ChannelOverrides = {},
): PuenteAdapter {
  // Connector clients are reused per bot, address and audience (reusedClients.ts); authentication is botbuilder's.
  const auth = new ReusedClientsAuthentication(authOptions(config.botFramework), overrides.credentialsFactory);
  const authenticator = new ChannelAuthenticator(auth, !config.botFramework, overrides.authTimeoutMs ?? DEFAULT_AUTH_TIMEOUT_MS);
  const adapter = new PuenteAdapter(auth, authenticator, log);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // Logged with a code and no message content; the session is left as it was, so nothing is lost.
    log.error(
      { code: 'TURN_FAILED', err: errorFacts(error), conv: hash(context.activity.conversation?.id ?? '') },
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
