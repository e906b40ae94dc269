/**
 * Builds the Teams app package (design.md §8) from teams/manifest.json, the icons, the locales, the
 * organization profile (its `publisher`) and the bot's app id (MicrosoftAppId, or --app-id):
 *
 *   npm run teams:package [-- --app-id <guid>] [--out <file>]
 *
 * Writes dist/teams-app.zip by default: upload it in Teams (Apps, Manage your apps, Upload an app)
 * or in the Teams admin center. Exit codes: 0 ok, 2 usage or configuration error.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildTeamsApp, defaultTeamsFolder, zipTeamsApp } from '../channels/teamsApp';
import { ConfigError, loadConfig, loadOrgProfile } from '../config';
import { createTexts } from '../i18n';
import { packageRoot } from '../server/static';
import { ACCENT_COLOR } from './teamsIcons';

export interface PackageIo {
  out(line: string): void;
  err(line: string): void;
}

export const USAGE = `Usage: npm run teams:package [-- --app-id <guid>] [--out <file>]

Builds the Teams app package from teams/manifest.json with the bot's Microsoft App ID (MicrosoftAppId,
or --app-id) and the publisher of the organization profile (ORG_PROFILE). Default output:
dist/teams-app.zip.
`;

export function run(argv: readonly string[], env: NodeJS.ProcessEnv, io: PackageIo, cwd = process.cwd()): number {
  let args;
  try {
    args = parseArgs({ args: [...argv], options: { 'app-id': { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' } }, strict: true });
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    io.out(USAGE);
    return 0;
  }
  try {
    const config = loadConfig(env, cwd);
    const appId = args.values['app-id'] ?? config.botFramework?.appId;
    if (!appId) throw new Error('No app id: set MicrosoftAppId (the Azure Bot’s Microsoft App ID) or pass --app-id.');
    const profile = loadOrgProfile(config.orgProfilePath);
    if (!profile.publisher) throw new Error(`The organization profile ${config.orgProfilePath} has no "publisher" (name, websiteUrl, privacyUrl, termsOfUseUrl): Teams shows it on the app's page.`);
    const root = packageRoot(__dirname) ?? cwd;
    const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    const retention = { sessionDays: config.sessionTtlMs / 86_400_000, recordDays: config.recordTtlMs / 86_400_000 };
    const app = buildTeamsApp({ appId, version, publisher: profile.publisher, accentColor: ACCENT_COLOR, texts: createTexts(), retention, folder: defaultTeamsFolder() });
    const out = path.resolve(cwd, args.values.out ?? path.join(root, 'dist', 'teams-app.zip'));
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, zipTeamsApp(app));
    io.out(`Wrote ${out} (${Object.keys(app.files).join(', ')}) for app id ${appId}.`);
    return 0;
  } catch (err) {
    io.err(err instanceof ConfigError ? err.message : `Cannot build the Teams package: ${(err as Error).message}`);
    return 2;
  }
}

if (require.main === module) {
  process.exitCode = run(process.argv.slice(2), process.env, { out: (l) => console.log(l), err: (l) => console.error(l) });
}
