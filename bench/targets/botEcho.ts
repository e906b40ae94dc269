/**
 * Baseline 2, the limit for anything built on botbuilder: the Bot Framework echo bot sample
 * (ActivityHandler: a welcome when someone joins, "Echo: <text>" for a message) on a CloudAdapter
 * without credentials, behind restify's body parser, answering `expectReplies` in the response.
 *
 * With BOT_ECHO_REUSE_CLIENTS=true (target `bot-echo-reused`) its adapter reuses its outbound
 * clients as Puente's does (src/channels/reusedClients.ts): the same bot with Puente's adapter fix,
 * to tell how much of Puente's ratio to the sample comes from that fix.
 */
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import restify, { type Request, type Response } from 'restify';
import { ReusedClientsAuthentication } from '../../src/channels/reusedClients';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text ?? ''}`);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== context.activity.recipient.id) await context.sendActivity('Hello and welcome!');
      }
      await next();
    });
  }
}

const adapter = new CloudAdapter(
  process.env.BOT_ECHO_REUSE_CLIENTS === 'true'
    ? new ReusedClientsAuthentication({})
    : new ConfigurationBotFrameworkAuthentication({} as ConfigurationBotFrameworkAuthenticationOptions),
);
adapter.onTurnError = async (context) => {
  await context.sendActivity('The bot encountered an error.');
};
const bot = new EchoBot();

const server = restify.createServer({ name: 'bot-echo', handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ maxBodySize: 64 * 1024, mapParams: false }));
server.post('/api/messages', async (req: Request, res: Response) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/readyz', (_req: Request, res: Response, next: () => void) => {
  res.send(200, { status: 'ready' });
  next();
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
