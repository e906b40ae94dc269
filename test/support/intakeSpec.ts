/**
 * The findings tables of intake-spec.md (../shared/intake-spec.md, read-only, beside the repository
 * here and in CI), read from the markdown so the evaluator's tests compare the rules with the spec
 * itself rather than with a copy typed into the tests.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SHARED } from './scenarios';

export const SPEC_FILE = path.join(SHARED, 'intake-spec.md');

/** The §4 subsections and the severity each gives its rows (§4: urgent, attorney review, information). */
const SECTIONS = { '4.1': 'urgent', '4.2': 'attorney', '4.3': 'info' } as const;
export type SpecSection = keyof typeof SECTIONS;

/** One row of a §4 findings table. */
export interface SpecFinding {
  code: string;
  section: SpecSection;
  severity: (typeof SECTIONS)[SpecSection];
  /** The "fires when" cell, as written. */
  firesWhen: string;
  /** The "sources" cell as keys (`—` is none). */
  sources: string[];
}

export interface IntakeSpec {
  /** "Content reviewed: YYYY-MM-DD" at the top. */
  reviewed: string;
  /** Every row of §4.1, §4.2 and §4.3, in table order. */
  findings: SpecFinding[];
  /** The family-based paths that a red flag or detention leaves out (§4.2's list). */
  familyPaths: string[];
  /** The findings that fire "always". */
  always: string[];
  /** The source keys of §5, in order. */
  sourceKeys: string[];
}

/** The part of `text` from the heading that starts with `from` to the next heading of that level or higher. */
function section(lines: readonly string[], from: RegExp): string[] {
  const start = lines.findIndex((l) => from.test(l));
  if (start < 0) throw new Error(`intake-spec.md: no heading ${from}`);
  const level = /^#+/.exec(lines[start]!)![0].length;
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && /^#+/.exec(l)![0].length <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

const ROW = /^\| `([A-Z_]+)` \| (.*?) \|.*\| ([^|]*) \|$/;

export function readIntakeSpec(markdown: string = readFileSync(SPEC_FILE, 'utf8')): IntakeSpec {
  const lines = markdown.split('\n');
  const reviewed = /^Content reviewed: (\d{4}-\d{2}-\d{2})\b/m.exec(markdown)?.[1];
  if (!reviewed) throw new Error('intake-spec.md: no "Content reviewed:" date');

  const findings: SpecFinding[] = [];
  for (const s of Object.keys(SECTIONS) as SpecSection[]) {
    const rows = section(lines, new RegExp(`^### ${s.replace('.', '\\.')} `)).flatMap((l) => {
      const m = ROW.exec(l);
      return m ? [m] : [];
    });
    if (rows.length === 0) throw new Error(`intake-spec.md: no findings table in §${s}`);
    for (const [, code, firesWhen, sources] of rows) {
      const keys = sources!.trim() === '—' ? [] : sources!.split(',').map((k) => k.trim());
      findings.push({ code: code!, section: s, severity: SECTIONS[s], firesWhen: firesWhen!.trim(), sources: keys });
    }
  }

  const attorney = section(lines, /^### 4\.2 /).join(' ');
  const list = /family-based path findings of 4\.3 \(([^)]*)\)/.exec(attorney)?.[1];
  if (!list) throw new Error('intake-spec.md: no list of family-based paths in §4.2');
  const familyPaths = [...list.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]!);

  const sourceKeys = section(lines, /^## 5\. /).flatMap((l) => {
    const m = /^- (S\d+|seeds)\b/.exec(l);
    return m ? [m[1]!] : [];
  });

  return { reviewed, findings, familyPaths, always: findings.filter((f) => f.firesWhen === 'always').map((f) => f.code), sourceKeys };
}
