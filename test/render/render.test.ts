/**
 * Every render path in both languages: each question, each notice, the review step, every finding
 * and the referral block. A missing key throws, so walking every path proves none is missing.
 */
import path from 'node:path';
import { initialContext, questions, type IntakeContext, type Notice, type QuestionId } from '../../dialogs/intake';
import { loadOrgProfile } from '../../src/config';
import { findingCodes, type Assessment } from '../../src/evaluator';
import { createTexts } from '../../src/i18n';
import { renderNotice, renderQuestion, renderReferral, renderRestartConfirm, renderResult, renderReview } from '../../src/render';

const texts = createTexts();
const profile = loadOrgProfile(path.resolve(__dirname, '../../config/organization.example.json'));

const full: IntakeContext['answers'] = {
  language: 'en', consent: 'yes', location: 'in_us', under_21: 'no', detained: 'no', proceedings: 'pending',
  hearing_when: 'later', ice_contact: 'no', travel_plans: 'no', uscis_interview: 'no', relationship: 'married',
  partner_status: 'us_citizen', partner_abuse: 'yes', children: 'no', entry: 'inspected', status_now: 'expired',
  time_in_us: '2_to_10', prior_removal: 'no', fear: 'no', arrests: 'yes', crime_victim: 'no', contact_ok: 'yes',
  contact_name: 'Sam', contact_method: 'email', contact_value: 'sam@example.org', safe_message: 'no',
};

const notices: Notice[] = [
  { kind: 'greeting' }, { kind: 'help' }, { kind: 'backAtStart' }, { kind: 'languageChanged' },
  { kind: 'restartCancelled' }, { kind: 'restartDone' }, { kind: 'reviewChange' },
  ...(['noMatch', 'empty', 'invalidName', 'invalidPhone', 'invalidEmail'] as const).flatMap((reason) => [
    { kind: 'reask' as const, reason, offerHelp: false },
    { kind: 'reask' as const, reason, offerHelp: true },
  ]),
];

describe.each(['en', 'es'] as const)('rendering in %s', (lang) => {
  const t = texts.translator(lang);
  const ctxAt = (current: QuestionId, answers = full): IntakeContext => ({ ...initialContext(lang), answers, current });

  it('renders every question with its choices and wire data', () => {
    for (const q of questions) {
      for (const method of ['phone', 'email'] as const) {
        const reply = renderQuestion(t, ctxAt(q.id, { ...full, contact_method: method }));
        expect(reply.channelData?.question).toBe(q.id);
        expect(reply.text.length).toBeGreaterThan(5);
        expect((reply.choices ?? []).map((c) => c.value)).toEqual([...q.values]);
      }
    }
  });

  it('asks for an email or a phone number depending on the contact method', () => {
    const email = renderQuestion(t, ctxAt('contact_value', { ...full, contact_method: 'email' })).text;
    const phone = renderQuestion(t, ctxAt('contact_value', { ...full, contact_method: 'text' })).text;
    expect(email).not.toEqual(phone);
  });

  it('asks about earlier unlawful presence only of people outside the US', () => {
    const inside = renderQuestion(t, ctxAt('prior_removal', { ...full, location: 'in_us' })).text;
    const outside = renderQuestion(t, ctxAt('prior_removal', { ...full, location: 'outside_us' })).text;
    expect(outside).not.toEqual(inside);
    expect(outside).toContain(t.t('questions:prior_removal.text_outside_us'));
  });

  it('renders every notice at every question', () => {
    for (const q of questions) for (const n of notices) expect(() => renderNotice(t, n, ctxAt(q.id))).not.toThrow();
    for (const n of notices) expect(() => renderNotice(t, n, ctxAt('language'), false)).not.toThrow();
  });

  it('renders the review with every answer and hides the sensitive ones', () => {
    const reply = renderReview(t, ctxAt('safe_message'));
    expect(reply.channelData?.question).toBe('review');
    expect(reply.choices?.[0]?.value).toBe('confirm');
    expect(reply.choices?.map((c) => c.value)).toContain('change:relationship');
    expect(reply.text).toContain('sam@example.org');
    expect(reply.text).toContain(t.t('common:review.hidden'));
    expect(reply.text).not.toContain(t.t('questions:arrests.options.yes') + '\n');
  });

  it('renders the restart confirmation', () => {
    expect(renderRestartConfirm(t).choices?.map((c) => c.value)).toEqual(['yes', 'no']);
  });

  it('renders every finding with its reason, the referral, the notice and the reference', () => {
    const assessment: Assessment = {
      findings: findingCodes.map((code) => ({
        code,
        severity: 'info',
        because: ['SAFETY_RESOURCES', 'SAFETY_RESOURCES_OUTSIDE', 'ASYLUM_INFO', 'ATTORNEY_REFERRAL', 'NOTARIO_WARNING'].includes(code) ? [] : ['location'],
        sources: [],
        paragraphs: [`${code}.body`],
      })),
      urgent: true,
      referral: 'urgent',
    };
    const replies = renderResult(t, profile, assessment, 'PU-ABCDE-FGHJK');
    const all = replies.map((r) => r.text).join('\n');
    expect(replies[0]!.channelData?.intakeResult?.reference).toBe('PU-ABCDE-FGHJK');
    expect(replies[0]!.text).toContain(t.t('common:result.banner'));
    expect(all).toContain(profile.urgentPhone);
    expect(all).toContain(t.t('common:result.standingNotice'));
    expect(all).toContain('PU-ABCDE-FGHJK');
    for (const code of findingCodes) {
      if (code === 'ATTORNEY_REFERRAL') continue;
      expect(all).toContain(t.t(`findings:${code}.title`));
    }
    const safety = replies.find((r) => r.text.includes(t.t('findings:ABUSE_SAFETY.title')))!;
    expect(safety.text.indexOf(t.t('common:result.quickExit'))).toBe(0);
  });

  it('renders the referral block from the profile, with resources that can be turned off', () => {
    const shown = renderReferral(t, profile, false);
    expect(shown).toContain(profile.phone);
    expect(shown).toContain(profile.resources.immigrationEquality.url);
    expect(shown).not.toContain(profile.urgentPhone);
    const off = renderReferral(t, { ...profile, takingNewCases: false, resources: { ...profile.resources, immigrationEquality: { ...profile.resources.immigrationEquality, show: false } } }, true);
    expect(off).not.toContain(profile.resources.immigrationEquality.url);
    expect(off).toContain(profile.urgentPhone);
    expect(off).toContain(t.t('referral:org.notTakingCases'));
  });
});
