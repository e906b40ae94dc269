/**
 * Turns the machine's state and the evaluator's assessment into replies. Every sentence comes from
 * the locales; this file only chooses keys and fills values.
 */
import {
  progressOf,
  questionById,
  reviewItems,
  stateOf,
  type IntakeContext,
  type IntakeSnapshot,
  type Notice,
  type QuestionId,
} from '../../dialogs/intake';
import type { Assessment, Finding } from '../evaluator';
import type { OrgProfile } from '../config';
import type { TextKey, Translator } from '../i18n';
import type { Choice, IntakeResultWire, Reply, ResultSection } from './reply';

/** Safety findings get the quick-exit line right above them (intake-spec §7, D31). */
const SAFETY_FINDINGS = new Set([
  'ABUSE_SAFETY',
  'ABUSE_SAFETY_OUTSIDE',
  'SAFETY_RESOURCES',
  'SAFETY_RESOURCES_OUTSIDE',
  'VAWA_POSSIBLE',
  'U_VISA_POSSIBLE',
  'ASYLUM_INFO',
  'OUTSIDE_US_SAFETY',
]);
/** Rendered as the referral block rather than as a finding card. */
const REFERRAL_FINDING = 'ATTORNEY_REFERRAL';

export function optionLabel(t: Translator, question: QuestionId, value: string): string {
  return t.t(`questions:${question}.options.${value}` as TextKey);
}

/** The label of a given answer as shown on the review step; sensitive answers stay hidden. */
function answerLabel(t: Translator, question: QuestionId, value: string): string {
  const q = questionById(question);
  if (q.sensitive) return t.t('common:review.hidden');
  if (q.kind === 'text') return value;
  return optionLabel(t, question, value);
}

function questionText(t: Translator, ctx: IntakeContext): string {
  const q = ctx.current;
  if (q === 'contact_value') {
    return t.t(ctx.answers.contact_method === 'email' ? 'questions:contact_value.text_email' : 'questions:contact_value.text_phone');
  }
  if ((q === 'prior_removal' || q === 'fear') && ctx.answers.location === 'outside_us') {
    // Abroad, prior_removal asks about six months of unlawful presence, and fear about danger where
    // the person lives now (intake-spec §3, questions 17 and 18).
    return t.t(`questions:${q}.text_outside_us`);
  }
  if ((q === 'partner_status' || q === 'partner_abuse') && ctx.answers.relationship === 'former_spouse') {
    // Asked of a former spouse in the past tense (intake-spec §3, questions 11 and 12).
    return t.t(`questions:${q}.text_former`);
  }
  return t.t(`questions:${q}.text` as TextKey);
}

/**
 * The extra message a notice adds before the prompt. `asking` is false on the review step and the
 * restart confirmation, where question-specific help does not apply.
 */
export function renderNotice(t: Translator, notice: Notice | null, ctx: IntakeContext, asking = true): Reply | null {
  if (!notice) return null;
  switch (notice.kind) {
    case 'greeting':
      return { text: t.t('common:greeting') };
    case 'reask': {
      const q = questionById(ctx.current);
      const lines: string[] = [t.t(`common:reask.${notice.reason}` as TextKey)];
      if (!asking) return { text: lines.join('\n\n') };
      if (notice.reason === 'noMatch' && ctx.current === 'time_in_us') lines.push(t.t('common:reask.timeInUs'));
      if (notice.reason === 'noMatch' && ctx.current === 'hearing_when') lines.push(t.t('common:reask.hearingWhen'));
      if (notice.reason === 'noMatch' && ctx.current === 'former_when') lines.push(t.t('common:reask.formerWhen'));
      if (notice.offerHelp) {
        lines.push(t.t(`questions:${ctx.current}.help` as TextKey));
        lines.push(t.t(q.values.includes('not_sure') ? 'common:reask.offerHelp' : 'common:reask.offerHelpNoNotSure'));
      }
      return { text: lines.join('\n\n') };
    }
    case 'help':
      if (!asking) return { text: t.t('common:help.commands') };
      return { text: [t.t(`questions:${ctx.current}.help` as TextKey), t.t('common:help.commands')].join('\n\n') };
    case 'backAtStart':
      return { text: t.t('common:back.atStart') };
    case 'languageChanged':
      return { text: t.t('common:language.changed') };
    case 'restartCancelled':
      return { text: t.t('common:restart.cancelled') };
    case 'restartDone':
      return { text: t.t('common:restart.done') };
    case 'reviewChange':
      return { text: t.t('common:review.changeIntro') };
    case 'finishedAlready':
      return null; // rendered by the caller, which knows the reference
    case 'readingRejected':
      return { text: t.t('common:confirm.rejected') };
  }
}

export function renderQuestion(t: Translator, ctx: IntakeContext): Reply {
  const q = questionById(ctx.current);
  const progress = progressOf(ctx.answers);
  const choices: Choice[] = q.values.map((value) => ({ value, title: optionLabel(t, q.id, value) }));
  const text =
    q.id === 'language'
      ? questionText(t, ctx)
      : `${t.t('common:progress', { number: Math.min(progress.answered + 1, progress.total), total: progress.total })}\n\n${questionText(t, ctx)}`;
  return {
    text,
    ...(choices.length ? { choices } : {}),
    channelData: { question: q.id, progress },
  };
}

export function renderReview(t: Translator, ctx: IntakeContext): Reply {
  const items = reviewItems(ctx.answers);
  const lines = items.map((id, i) =>
    t.t('common:review.item', {
      number: i + 1,
      question: t.t(`questions:${id}.review` as TextKey),
      answer: answerLabel(t, id, String(ctx.answers[id])),
    }),
  );
  const confirm: Choice = { value: 'confirm', title: t.t('common:review.confirmLabel') };
  const changes: Choice[] = items.map((id, i) => ({ value: `change:${id}`, title: t.t('common:review.changeLabel', { number: i + 1 }) }));
  return {
    text: [t.t('common:review.intro'), lines.join('\n'), t.t('common:review.pickNumber')].join('\n\n'),
    choices: [confirm, ...changes],
    channelData: { question: 'review', progress: progressOf(ctx.answers) },
    card: {
      kind: 'review',
      intro: t.t('common:review.intro'),
      items: items.map((id, i) => ({
        number: i + 1,
        question: t.t(`questions:${id}.review` as TextKey),
        answer: answerLabel(t, id, String(ctx.answers[id])),
        change: changes[i]!,
      })),
      confirm,
    },
  };
}

/**
 * "I understood: No court case. Is that right?" (design.md §4): the question being confirmed and the
 * value read, with Yes and No buttons.
 */
export function renderReadingConfirm(t: Translator, ctx: IntakeContext): Reply {
  const value = ctx.pending;
  if (value === undefined) return renderQuestion(t, ctx);
  return {
    text: t.t('common:confirm.prompt', { answer: optionLabel(t, ctx.current, value) }),
    choices: [
      { value: 'yes', title: t.t('common:confirm.options.yes') },
      { value: 'no', title: t.t('common:confirm.options.no') },
    ],
    channelData: { question: ctx.current, confirming: { value } },
  };
}

export function renderRestartConfirm(t: Translator): Reply {
  return {
    text: t.t('common:restart.confirm'),
    choices: [
      { value: 'yes', title: t.t('common:restart.options.yes') },
      { value: 'no', title: t.t('common:restart.options.no') },
    ],
    channelData: { prompt: 'confirmRestart' },
  };
}

/** The prompt for a resting state that waits for the person. */
export function renderPrompt(t: Translator, snapshot: IntakeSnapshot): Reply[] {
  const ctx = snapshot.context;
  switch (stateOf(snapshot)) {
    case 'asking':
      return [renderQuestion(t, ctx)];
    case 'confirming':
      return [renderReadingConfirm(t, ctx)];
    case 'reviewing':
      return [renderReview(t, ctx)];
    case 'confirmingRestart':
      return [renderRestartConfirm(t)];
    default:
      return [];
  }
}

/** The firm referral block (intake-spec §6), read from the organization profile. */
export function renderReferral(t: Translator, profile: OrgProfile, urgent: boolean): string {
  return referralParts(t, profile, urgent).join('\n\n');
}

/** The referral block's paragraphs; the first is its heading. */
function referralParts(t: Translator, profile: OrgProfile, urgent: boolean): string[] {
  const lang = t.locale;
  const name = profile.name[lang];
  const parts: string[] = [t.t('referral:heading')];
  if (urgent) parts.push(t.t('referral:urgentFirst', { name, urgentPhone: profile.urgentPhone }));
  parts.push(t.t('referral:firm'));
  parts.push(t.t('referral:org.contact', { name, phone: profile.phone, hours: profile.hours[lang] }));
  if (profile.intakeUrl) parts.push(t.t('referral:org.intakePage', { url: profile.intakeUrl }));
  parts.push(t.t(profile.takingNewCases ? 'referral:org.takingCases' : 'referral:org.notTakingCases'));
  const r = profile.resources;
  if (r.immigrationEquality.show) parts.push(t.t('referral:immigrationEquality', { url: r.immigrationEquality.url }));
  const listed: [TextKey, { show: boolean; url: string }][] = [
    ['referral:resources.eoirProBono', r.eoirProBono],
    ['referral:resources.recognizedOrgs', r.recognizedOrgs],
    ['referral:resources.ian', r.immigrationAdvocatesNetwork],
    ['referral:resources.aila', r.aila],
    ['referral:resources.stateBar', r.stateBar],
  ];
  const shown = listed.filter(([, res]) => res.show);
  if (shown.length) {
    parts.push(t.t('referral:resources.intro'));
    parts.push(shown.map(([key, res]) => `- ${t.t(key, { url: res.url })}`).join('\n'));
  }
  return parts;
}

function findingSection(t: Translator, f: Finding): ResultSection {
  const becauseKey = `findings:${f.code}.because` as TextKey;
  const because = f.because.length > 0 && t.has(becauseKey) ? t.t(becauseKey) : undefined;
  return {
    kind: 'section',
    tone: f.severity,
    title: t.t(`findings:${f.code}.title` as TextKey),
    paragraphs: f.paragraphs.flatMap((key) => t.t(`findings:${key}` as TextKey).split(/\n{2,}/)),
    ...(because ? { because } : {}),
    ...(SAFETY_FINDINGS.has(f.code) ? { lead: t.t('common:result.quickExit') } : {}),
  };
}

/** A section as markdown text, for channels without cards. */
function sectionText(s: ResultSection): string {
  return [s.lead, s.title ? `**${s.title}**` : undefined, ...s.paragraphs, s.because ? `_${s.because}_` : undefined]
    .filter((x): x is string => x !== undefined)
    .join('\n\n');
}

export function toWire(assessment: Assessment, reference: string): IntakeResultWire {
  return {
    findings: assessment.findings.map((f) => ({ code: f.code, severity: f.severity, because: [...f.because] })),
    urgent: assessment.urgent,
    referral: assessment.referral,
    reference,
  };
}

/** The result (intake-spec §7): banner, findings with their reasons, referral, reference code. */
export function renderResult(t: Translator, profile: OrgProfile, assessment: Assessment, reference: string): Reply[] {
  const head: ResultSection = assessment.urgent
    ? { kind: 'section', tone: 'urgent', title: t.t('common:result.banner'), paragraphs: [t.t('common:result.heading')] }
    : { kind: 'section', tone: 'notice', paragraphs: [t.t('common:result.heading')] };
  const sections: ResultSection[] = [head];
  for (const f of assessment.findings) {
    if (f.code === REFERRAL_FINDING) {
      const [heading, ...rest] = referralParts(t, profile, assessment.urgent);
      sections.push({ kind: 'section', tone: 'referral', title: heading, paragraphs: rest });
    } else {
      sections.push(findingSection(t, f));
    }
  }
  sections.push({
    kind: 'section',
    tone: 'notice',
    // The papers line is the same on every result, whatever the answers: it says nothing about the
    // person and is not a finding (intake-spec §7 item 4).
    paragraphs: [
      t.t('common:result.standingNotice'),
      t.t('common:result.transPapers'),
      t.t('common:result.reference', { reference }),
      t.t('common:result.deleteHint'),
    ],
  });
  return sections.map((section, i) => ({
    // The referral block reads the same as where it stands alone (consent declined): no bold heading.
    text: section.tone === 'referral' ? [section.title!, ...section.paragraphs].join('\n\n') : sectionText(section),
    card: section,
    ...(i === 0 ? { channelData: { intakeResult: toWire(assessment, reference) } } : {}),
  }));
}
