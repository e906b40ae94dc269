/**
 * The Teams app package (design.md §8): teams/manifest.json is a template whose `{{…}}` values are
 * filled from the configuration (the bot's app id), the organization profile (the publisher), the
 * package version and the locales (`{{text:…}}`: the app's name, descriptions and command list in
 * English, with a Spanish localization file generated from the same keys). The icons are checked
 * for the sizes Teams requires. Zipped deterministically.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { z } from 'zod';
import type { OrgProfile } from '../config';
import type { TextKey, Texts } from '../i18n';
import { packageRoot } from '../server/static';

export type Publisher = NonNullable<OrgProfile['publisher']>;

export interface TeamsAppInput {
  /** The Azure Bot's Microsoft App ID: the bot id, and the Teams app id too. */
  appId: string;
  /** The package version (semver). */
  version: string;
  publisher: Publisher;
  accentColor: string;
  texts: Texts;
  /**
   * SESSION_TTL_DAYS and RECORD_TTL_DAYS as configured: the long description tells people how long
   * their answers and a sent intake are kept, so it must say what this deployment does.
   */
  retention: { sessionDays: number; recordDays: number };
  /** Folder of manifest.json and the icons (default: teams/ of this package). */
  folder?: string;
}

export interface TeamsApp {
  manifest: Record<string, unknown>;
  /** Localization files by name (es.json), as listed in the manifest's localizationInfo. */
  localizations: Record<string, Record<string, string>>;
  /** Every file of the package, by its name in the zip. */
  files: Record<string, Uint8Array>;
}

/** The icons Teams requires: a full-color 192×192 and a white-on-transparent 32×32 outline. */
export const ICONS = { 'color.png': 192, 'outline.png': 32 } as const;
/** The one additional language, and the locale its strings come from. */
const LOCALIZATION = { file: 'es.json', locale: 'es' } as const;
const TOKEN = /^\{\{([A-Za-z0-9_.:]+)\}\}$/;
/** Fixed file times in the zip, so the same input gives the same bytes. */
const ZIP_TIME = new Date('2026-01-01T00:00:00Z');

const inputSchema = z.object({
  appId: z.guid({ message: 'the app id must be the Azure Bot’s Microsoft App ID (a GUID)' }),
  version: z.string().regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, 'must be a semver version'),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  retention: z.object({ sessionDays: z.number().positive(), recordDays: z.number().positive() }),
});

/** Days as people read them: whole days, else one decimal ("0.5"). */
const days = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export function defaultTeamsFolder(): string {
  return path.join(packageRoot(__dirname) ?? process.cwd(), 'teams');
}

/** Width, height and color type of a PNG, from its IHDR chunk; `null` if it is not a PNG. */
export function pngHeader(bytes: Uint8Array): { width: number; height: number; colorType: number } | null {
  const b = Buffer.from(bytes);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (b.length < 33 || !b.subarray(0, 8).equals(signature) || b.toString('ascii', 12, 16) !== 'IHDR') return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), colorType: b[25]! };
}

function readIcon(folder: string, name: keyof typeof ICONS): Uint8Array {
  const bytes = readFileSync(path.join(folder, name));
  const header = pngHeader(bytes);
  const size = ICONS[name];
  if (!header || header.width !== size || header.height !== size) throw new Error(`teams/${name} must be a ${size}×${size} PNG`);
  // The outline icon is white on a transparent background: it needs an alpha channel.
  if (name === 'outline.png' && header.colorType !== 6 && header.colorType !== 4) throw new Error('teams/outline.png must have a transparent background (RGBA)');
  return bytes;
}

export function buildTeamsApp(input: TeamsAppInput): TeamsApp {
  const checked = inputSchema.safeParse(input);
  if (!checked.success) throw new Error(checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const folder = input.folder ?? defaultTeamsFolder();
  const en = input.texts.translator('en');
  const localized = input.texts.translator(LOCALIZATION.locale);
  const values: Record<string, string> = {
    appId: input.appId,
    version: input.version,
    accentColor: input.accentColor,
    'publisher.name': input.publisher.name,
    'publisher.websiteUrl': input.publisher.websiteUrl,
    'publisher.privacyUrl': input.publisher.privacyUrl,
    'publisher.termsOfUseUrl': input.publisher.termsOfUseUrl,
  };
  const strings: Record<string, string> = {};
  const vars = { sessionDays: days(input.retention.sessionDays), recordDays: days(input.retention.recordDays) };

  const fill = (node: unknown, at: string): unknown => {
    if (Array.isArray(node)) return node.map((item, i) => fill(item, `${at}[${i}]`));
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v, at ? `${at}.${k}` : k)]));
    }
    if (typeof node !== 'string') return node;
    const m = TOKEN.exec(node);
    if (!m) {
      if (node.includes('{{')) throw new Error(`teams/manifest.json: malformed placeholder at ${at}`);
      return node;
    }
    const name = m[1]!;
    if (name.startsWith('text:')) {
      const key = `channels:${name.slice('text:'.length)}` as TextKey;
      strings[at] = localized.t(key, vars);
      return en.t(key, vars);
    }
    const value = values[name];
    if (value === undefined) throw new Error(`teams/manifest.json: unknown placeholder {{${name}}} at ${at}`);
    return value;
  };

  const template = JSON.parse(readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const manifest = fill(template, '') as Record<string, unknown>;
  const schema = String(manifest.$schema ?? '');
  const localization = {
    $schema: schema.replace(/MicrosoftTeams\.schema\.json$/, 'MicrosoftTeams.Localization.schema.json'),
    ...strings,
  };
  const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
  return {
    manifest,
    localizations: { [LOCALIZATION.file]: localization },
    files: {
      'manifest.json': json(manifest),
      [LOCALIZATION.file]: json(localization),
      'color.png': readIcon(folder, 'color.png'),
      'outline.png': readIcon(folder, 'outline.png'),
    },
  };
}

/** The zip Teams uploads: the files at its root, fixed times, so it is reproducible. */
export function zipTeamsApp(app: TeamsApp): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(app.files).map(([name, data]) => [name, [data, { mtime: ZIP_TIME }]])), { level: 9 });
}
