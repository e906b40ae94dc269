/**
 * The factor evaluator (intake-spec.md §4): answers in, finding codes out. Pure: no I/O, no clock, no
 * text; the renderer turns codes and paragraph keys into sentences.
 */
import type { IntakeAnswers } from '../../dialogs/intake/answers';
import { leavesOutFamilyPaths, rules } from './rules';
import type { Assessment, Finding } from './types';

/**
 * Evaluates every rule in table order. With a red flag or when detained, the family-path findings are
 * left out (§4.2); PATHS_NEED_REVIEW stands in for them where one would have fired. The rules are in
 * severity order and end with ATTORNEY_REFERRAL and NOTARIO_WARNING, which always fire, so the
 * findings come out in display order without sorting.
 *
 * @param _today the evaluation day, for dated conditions; never read from the clock. No v3 rule is
 * dated by the day of the evaluation (their dates are the law's, in the text and the sources).
 */
export function evaluate(answers: IntakeAnswers, _today: Date): Assessment {
  const leaveOut = leavesOutFamilyPaths(answers);
  const familyPathHeld = leaveOut && rules.some((r) => r.familyPath === true && r.fires(answers) !== undefined);
  const findings: Finding[] = [];
  for (const r of rules) {
    if (r.familyPath === true && leaveOut) continue;
    if (r.familyPathStandIn === true && !familyPathHeld) continue;
    const because = r.fires(answers);
    if (because === undefined) continue;
    findings.push({ code: r.code, severity: r.severity, because: [...because], sources: [...r.sources], paragraphs: r.text(answers) });
  }
  const urgent = findings.some((f) => f.severity === 'urgent');
  return { findings, urgent, referral: urgent ? 'urgent' : 'standard' };
}
