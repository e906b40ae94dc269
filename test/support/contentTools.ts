/**
 * The real language packages for the content tests: the `syllable` English counter and the `eld`
 * detector (medium model). Both are ESM-only; jest.config.js transpiles just these two.
 */
import { eld } from 'eld/medium';
import { syllable } from 'syllable';
import path from 'node:path';
import { loadOrgProfile } from '../../src/config';
import { languageToolsFrom, readCatalog, sampleValues, type LanguageTools, type LocaleString } from '../../src/content';

export const LOCALES = path.resolve(__dirname, '../../locales');
export const exampleProfile = loadOrgProfile(path.resolve(__dirname, '../../config/organization.example.json'));
export const tools: LanguageTools = languageToolsFrom(syllable, eld);

/** Every string of the real locales, as the person sees it. */
export function realCatalog(): LocaleString[] {
  return readCatalog(LOCALES, sampleValues(exampleProfile));
}
