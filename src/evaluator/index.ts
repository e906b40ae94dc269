/**
 * Public surface of the factor evaluator: `evaluate(answers, today)` and the codes it speaks.
 * Imports nothing outside src/evaluator but the IntakeAnswers type (design.md §3).
 */
export { evaluate } from './evaluate';
export { findingCodes, severities } from './types';
export type { Assessment, Finding, FindingCode, Severity, SourceKey } from './types';
