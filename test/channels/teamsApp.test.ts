/**
 * The Teams app package: the manifest built from teams/manifest.json validates against Microsoft's
 * published schema for its version (kept offline by @microsoft/app-manifest), the Spanish
 * localization file against its schema, `npm run teams:package` writes a zip with exactly those
 * files, and the icons have the sizes and backgrounds Teams requires.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { buildTeamsApp, defaultTeamsFolder, pngHeader, zipTeamsApp } from '../../src/channels/teamsApp';
import { ACCENT_COLOR, drawIcons, encodePng } from '../../src/cli/teamsIcons';
import { run } from '../../src/cli/teamsPackage';
import { loadOrgProfile } from '../../src/config';
import { createTexts } from '../../src/i18n';

const ROOT = path.resolve(__dirname, '../..');
const texts = createTexts();
const profile = loadOrgProfile(path.join(ROOT, 'config/organization.example.json'));
const template = JSON.parse(readFileSync(path.join(ROOT, 'teams/manifest.json'), 'utf8')) as { manifestVersion: string; $schema: string };
const SCHEMAS = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build/json-schemas/teams', `v${template.manifestVersion}`);

function validator(file: string) {
  // unicodeRegExp off: the localization schema's patterns are written for non-unicode regular expressions
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(path.join(SCHEMAS, file), 'utf8')) as object);
}

const appId = randomUUID();
const retention = { sessionDays: 30, recordDays: 90 };
const build = (folder?: string) =>
  buildTeamsApp({ appId, version: '0.1.0', publisher: profile.publisher!, accentColor: ACCENT_COLOR, texts, retention, ...(folder ? { folder } : {}) });

describe('manifest', () => {
  const app = build();

  it('names the current schema it is written for', () => {
    expect(template.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${template.manifestVersion}/MicrosoftTeams.schema.json`);
    expect(Number(template.manifestVersion.split('.')[1])).toBeGreaterThanOrEqual(25);
  });

  it('validates against the Teams app manifest schema', () => {
    const validate = validator('MicrosoftTeams.schema.json');
    const ok = validate(app.manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('is a personal-scope bot with the configured app id, and no placeholder left', () => {
    const m = app.manifest as { id: string; bots: { botId: string; scopes: string[]; commandLists: { scopes: string[] }[] }[]; developer: Record<string, string> };
    expect(m.id).toBe(appId);
    expect(m.bots).toHaveLength(1);
    expect(m.bots[0]).toMatchObject({ botId: appId, scopes: ['personal'] });
    expect(m.bots[0]!.commandLists.every((l) => l.scopes.join() === 'personal')).toBe(true);
    expect(m.developer).toEqual(profile.publisher);
    expect(JSON.stringify(app.manifest)).not.toContain('{{');
  });

  it('has the English name and descriptions, and a Spanish localization file of the same strings', () => {
    const en = texts.translator('en');
    const es = texts.translator('es');
    const m = app.manifest as { name: { short: string; full: string }; description: { short: string; full: string }; localizationInfo: unknown };
    expect(m.name.short).toBe(en.t('channels:teams.nameShort'));
    expect(m.description.full).toBe(en.t('channels:teams.descriptionFull', { sessionDays: '30', recordDays: '90' }));
    expect(m.localizationInfo).toEqual({ defaultLanguageTag: 'en', additionalLanguages: [{ languageTag: 'es', file: 'es.json' }] });
    const loc = app.localizations['es.json']!;
    expect(loc['name.full']).toBe(es.t('channels:teams.nameFull'));
    expect(loc['description.short']).toBe(es.t('channels:teams.descriptionShort'));
    expect(loc['description.full']).toBe(es.t('channels:teams.descriptionFull', { sessionDays: '30', recordDays: '90' }));
    expect(loc['bots[0].commandLists[0].commands[3].title']).toBe('salir');
    expect(loc['bots[0].commandLists[0].commands[4].title']).toBe('borrar');
    const validate = validator('MicrosoftTeams.Localization.schema.json');
    const ok = validate(loc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('lists commands the bot understands in both languages', () => {
    const m = app.manifest as { bots: { commandLists: { commands: { title: string }[] }[] }[] };
    expect(m.bots[0]!.commandLists[0]!.commands.map((c) => c.title)).toEqual(['help', 'back', 'start over', 'exit', 'delete']);
    const loc = app.localizations['es.json']!;
    expect([0, 1, 2, 3, 4].map((i) => loc[`bots[0].commandLists[0].commands[${i}].title`])).toEqual(['ayuda', 'atrás', 'empezar de nuevo', 'salir', 'borrar']);
  });

  // Issue 22, point 4: the app's own page says what is stored, for how long, and how to erase it.
  it('says in the long description, in both languages, what is stored, for how long, and how to erase it', () => {
    const app = buildTeamsApp({ appId, version: '0.1.0', publisher: profile.publisher!, accentColor: ACCENT_COLOR, texts, retention: { sessionDays: 14, recordDays: 60 } });
    const en = (app.manifest as { description: { full: string } }).description.full;
    const es = app.localizations['es.json']!['description.full']!;
    expect(en).toMatch(/What Puente keeps: your answers/);
    expect(en).toMatch(/erased 14 days after your last message/);
    expect(en).toMatch(/erased after 60 days/);
    expect(en).toMatch(/type “exit”.*Type “delete”.*remove the app/s);
    expect(es).toMatch(/Lo que Puente guarda: sus respuestas/);
    expect(es).toMatch(/se borran 14 días después de su último mensaje/);
    expect(es).toMatch(/se borran después de 60 días/);
    expect(es).toMatch(/escriba “salir”.*Escriba “borrar”.*quite la app/s);
    for (const text of [en, es]) {
      expect(text).not.toContain('{{');
      expect(text.length).toBeLessThanOrEqual(4000);
    }
    expect(buildTeamsApp({ appId, version: '0.1.0', publisher: profile.publisher!, accentColor: ACCENT_COLOR, texts, retention: { sessionDays: 0.5, recordDays: 90 } }).manifest).toMatchObject({
      description: { full: expect.stringContaining('erased 0.5 days after') },
    });
  });

  it('refuses an app id that is not a GUID', () => {
    expect(() => buildTeamsApp({ appId: 'my-bot', version: '0.1.0', publisher: profile.publisher!, accentColor: ACCENT_COLOR, texts, retention })).toThrow(/GUID/);
  });
});

describe('icons', () => {
  const folder = defaultTeamsFolder();

  it('are the committed drawing, byte for byte (npm run teams:icons)', () => {
    const { color, outline } = drawIcons();
    expect(color.equals(readFileSync(path.join(folder, 'color.png')))).toBe(true);
    expect(outline.equals(readFileSync(path.join(folder, 'outline.png')))).toBe(true);
  });

  it('color: 192×192, opaque', () => {
    const png = PNG.sync.read(readFileSync(path.join(folder, 'color.png')));
    expect([png.width, png.height]).toEqual([192, 192]);
    const translucent = png.data.filter((_, i) => i % 4 === 3).filter((alpha) => alpha !== 255);
    expect(translucent.length).toBe(0);
  });

  it('outline: 32×32, white on a transparent background', () => {
    const png = PNG.sync.read(readFileSync(path.join(folder, 'outline.png')));
    expect([png.width, png.height]).toEqual([32, 32]);
    const notWhite = png.data.filter((v, i) => i % 4 !== 3 && v !== 255);
    expect(notWhite.length).toBe(0);
    const opaque = png.data.filter((v, i) => i % 4 === 3 && v === 255).length;
    expect(png.data[3]).toBe(0); // a corner
    expect(opaque).toBeGreaterThan(50);
  });

  it('are checked when an organization replaces them', () => {
    const mine = mkdtempSync(path.join(os.tmpdir(), 'puente-teams-'));
    copyFileSync(path.join(folder, 'manifest.json'), path.join(mine, 'manifest.json'));
    copyFileSync(path.join(folder, 'outline.png'), path.join(mine, 'outline.png'));
    writeFileSync(path.join(mine, 'color.png'), encodePng(100, () => [0, 0, 0, 255]));
    expect(() => build(mine)).toThrow(/color\.png must be a 192×192 PNG/);
    writeFileSync(path.join(mine, 'color.png'), readFileSync(path.join(folder, 'color.png')));
    writeFileSync(path.join(mine, 'outline.png'), 'not a png');
    expect(() => build(mine)).toThrow(/outline\.png/);
    expect(pngHeader(readFileSync(path.join(folder, 'outline.png')))).toEqual({ width: 32, height: 32, colorType: 6 });
  });
});

describe('npm run teams:package', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
  };

  it('writes the zip with the manifest, the localization file and both icons', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'puente-pkg-'));
    const file = path.join(dir, 'teams-app.zip');
    const r = io();
    const env = { MicrosoftAppId: appId, MicrosoftAppPassword: 'x', LOG_LEVEL: 'silent', SESSION_TTL_DAYS: '7', RECORD_TTL_DAYS: '45' };
    expect(run(['--out', file], env, r.io, ROOT)).toBe(0);
    expect(r.out.join()).toContain(file);
    const entries = unzipSync(readFileSync(file));
    expect(Object.keys(entries).sort()).toEqual(['color.png', 'es.json', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(Buffer.from(entries['manifest.json']!).toString('utf8')) as { id: string; bots: { botId: string }[]; description: { full: string } };
    expect(manifest.id).toBe(appId);
    // The retention the description states is this deployment's.
    expect(manifest.description.full).toMatch(/erased 7 days after .*erased after 45 days/s);
    expect(manifest.bots[0]!.botId).toBe(appId);
    expect(validator('MicrosoftTeams.schema.json')(manifest)).toBe(true);
    expect(validator('MicrosoftTeams.Localization.schema.json')(JSON.parse(Buffer.from(entries['es.json']!).toString('utf8')))).toBe(true);
    expect(PNG.sync.read(Buffer.from(entries['color.png']!)).width).toBe(192);
    expect(PNG.sync.read(Buffer.from(entries['outline.png']!)).width).toBe(32);
    // reproducible: the same input gives the same bytes
    expect(Buffer.from(zipTeamsApp(build())).equals(Buffer.from(zipTeamsApp(build())))).toBe(true);
  });

  it('takes the app id from --app-id', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'puente-pkg-'));
    const other = randomUUID();
    expect(run(['--app-id', other, '--out', path.join(dir, 'a.zip')], {}, io().io, ROOT)).toBe(0);
    const manifest = JSON.parse(Buffer.from(unzipSync(readFileSync(path.join(dir, 'a.zip')))['manifest.json']!).toString('utf8')) as { id: string };
    expect(manifest.id).toBe(other);
  });

  it('explains what is missing', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'puente-pkg-'));
    let r = io();
    expect(run(['--out', path.join(dir, 'x.zip')], {}, r.io, ROOT)).toBe(2);
    expect(r.err.join()).toMatch(/MicrosoftAppId/);
    r = io();
    expect(run(['--app-id', 'not-a-guid', '--out', path.join(dir, 'x.zip')], {}, r.io, ROOT)).toBe(2);
    expect(r.err.join()).toMatch(/GUID/);
    const noPublisher = path.join(dir, 'org.json');
    const { publisher: _p, ...rest } = JSON.parse(readFileSync(path.join(ROOT, 'config/organization.example.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(noPublisher, JSON.stringify(rest));
    r = io();
    expect(run(['--app-id', appId, '--out', path.join(dir, 'x.zip')], { ORG_PROFILE: noPublisher }, r.io, ROOT)).toBe(2);
    expect(r.err.join()).toMatch(/publisher/);
    r = io();
    expect(run(['--bogus'], {}, r.io, ROOT)).toBe(2);
  });
});
