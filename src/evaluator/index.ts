/**
 * Public surface of the factor evaluator: `evaluate(answers, today)` and the codes it speaks.
 * Imports nothing outside src/evaluator but the answer types (design.md §3).
 */
export { evaluate } from './evaluate';
export { CONTENT_REVIEWED, rules } from './rules';
export { sourceKeys, sources, type Source } from './sources';
export { findingCodes, severities } from './types';
export type { Assessment, Finding, FindingCode, Rule, Severity, SourceKey } from './types';
