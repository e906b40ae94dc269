/**
 * `npm run content:report`: prints every string of `locales/` with its readability figures and
 * language, flags the worst ones, summarizes the gates, lists any glossary or wording problem, and
 * lists every dated statement with the source keys it rests on, for the reviewing attorney
 * (docs/decisions/007-content-quality-gates.md).
 * The same gates run in `npm test`; this report is for the people who write and review the content.
 *
 * Exit codes: 0 every gate and wording rule passes, 1 one fails, 2 the report could not run.
 */
import path from 'node:path';
import { loadOrgProfile } from '../config';
import { datedStatements, formatDatedStatements, formatReport, languageToolsFrom, readCatalog, runGates, sampleValues, wordingProblems, type LanguageTools } from '../content';
import { createTexts } from '../i18n';

const ROOT = path.resolve(__dirname, '../../..');

/** The syllable counter and the language detector are ESM-only development dependencies. */
async function loadTools(): Promise<LanguageTools> {
  const [{ syllable }, { eld }] = await Promise.all([import('syllable'), import('eld/medium')]);
  return languageToolsFrom(syllable, eld);
}

export async function main(): Promise<number> {
  let tools: LanguageTools;
  try {
    tools = await loadTools();
  } catch (err) {
    process.stderr.write(`content:report needs the development dependencies (npm ci): ${(err as Error).message}\n`);
    return 2;
  }
  const profile = loadOrgProfile(path.join(ROOT, 'config/organization.example.json'));
  const catalog = readCatalog(path.join(ROOT, 'locales'), sampleValues(profile));
  const result = runGates(catalog, tools);
  const wording = wordingProblems(catalog);
  const en = createTexts().translator('en');
  process.stdout.write(
    formatReport(result, wording, {
      reviewed: en.t('meta:contentReviewed'),
      reviewedBy: en.t('meta:reviewedBy'),
      strings: catalog.length,
      labels: catalog.filter((s) => s.kind === 'label').length,
    }),
  );
  const dated = datedStatements(catalog);
  process.stdout.write(`\n${formatDatedStatements(dated).join('\n')}\n`);
  const unsourced = dated.filter((d) => d.sources.length === 0).length;
  return result.pass && wording.length === 0 && unsourced === 0 ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`content:report failed: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exit(2);
    },
  );
}
