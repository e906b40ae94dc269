/**
 * The factor evaluator (intake-spec.md §4): answers in, finding codes out. Pure: no I/O, no clock, no
 * text; the renderer turns codes into sentences.
 */
import type { IntakeAnswers } from '../../dialogs/intake/answers';
import { rules } from './rules';
import { factsOf } from './shorthands';
import type { Assessment, Finding } from './types';

/**
 * Evaluates every rule in table order. With a red flag or when detained, the family-path findings are
 * left out (§4.2; PATHS_NEED_REVIEW stands in for them where it applies). The rules are in severity
 * order and end with ATTORNEY_REFERRAL and NOTARIO_WARNING, which always fire, so the findings come out
 * in display order without sorting (the evaluator's tests hold the rule order).
 *
 * @param today the evaluation day, passed to the rules for dated conditions; never read from the clock.
 */
export function evaluate(answers: IntakeAnswers, today: Date): Assessment {
  const facts = factsOf(answers, today);
  const leaveOutFamilyPaths = facts.redFlag || facts.detained;
  const findings: Finding[] = rules
    .filter((r) => !(r.familyPath === true && leaveOutFamilyPaths) && r.when(answers, facts))
    .map((r) => ({ code: r.code, severity: r.severity, because: r.because(answers), sources: [...r.sources] }));
  const urgent = findings.some((f) => f.severity === 'urgent');
  return { findings, urgent, referral: urgent ? 'urgent' : 'standard' };
}
