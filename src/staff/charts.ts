/**
 * The staff dashboard's charts, drawn here as SVG markup from {@link Stats} (server-rendered: no
 * charting library, no script builds them, the same HTML for every browser and for the tests).
 * Every chart is `role="img"` with a `<title>` and a `<desc>` that says the numbers in words, and
 * comes with a table of the same numbers. Every text is escaped; the only texts are dates, counts,
 * question ids, finding codes and labels from the locales (`staff:charts.*`; staff read English).
 */
import type { TextKey, Translator } from '../i18n';
import type { Stats } from './stats';

/** A chart text from the staff locale. */
type Say = (key: string, values?: Record<string, string | number>) => string;

const esc = (s: string | number): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const WIDTH = 760;
/** Left column of the horizontal bar charts (labels), and where their bars start and end. */
const LABEL_X = 8;
const ROW = 26;

/** The smallest of 1, 2, 5 × 10^k at or above `n` (at least 1), for a readable axis. */
export function niceMax(n: number): number {
  if (n <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

const percent = (part: number, whole: number): string => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : '–');

/** An accessible SVG: named by its title, described by its desc. */
function svg(id: string, height: number, title: string, desc: string, body: string): string {
  return (
    `<svg class="chart" id="${id}-chart" role="img" viewBox="0 0 ${WIDTH} ${height}" aria-labelledby="${id}-title" aria-describedby="${id}-desc" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}-title">${esc(title)}</title><desc id="${id}-desc">${esc(desc)}</desc>${body}</svg>`
  );
}

function table(say: Say, caption: string, head: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const th = head.map((h) => `<th scope="col">${esc(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td>${esc(c)}</td>`)).join('')}</tr>`)
    .join('');
  return `<details class="numbers"><summary>${esc(say('numbersSummary', { caption }))}</summary><table><caption>${esc(caption)}</caption><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></details>`;
}

function section(id: string, heading: string, content: string): string {
  return `<section class="panel" id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${esc(heading)}</h2>${content}</section>`;
}

const legend = (items: readonly [cls: string, label: string][]) =>
  `<ul class="legend">${items.map(([cls, label]) => `<li><span class="swatch ${cls}" aria-hidden="true"></span>${esc(label)}</li>`).join('')}</ul>`;

const empty = (text: string) => `<p class="empty">${esc(text)}</p>`;

/** A chart panel: what its colours mean (the legend), the chart, and the numbers behind it as a table. */
interface ChartPanel {
  /** Text before the legend. */
  intro?: string;
  legend: readonly [cls: string, label: string][];
  /** The chart's accessible title and description, its height and its SVG body. */
  chart: { title: string; desc: string; height: number; body: string };
  numbers: { caption: string; head: readonly string[]; rows: readonly (readonly (string | number)[])[] };
}

function chartPanel(say: Say, id: string, heading: string, { intro = '', legend: items, chart, numbers }: ChartPanel): string {
  const figure = svg(id, chart.height, chart.title, chart.desc, chart.body);
  return section(id, heading, intro + legend(items) + figure + table(say, numbers.caption, numbers.head, numbers.rows));
}

/** Headline numbers, as text. */
function totals(s: Stats, say: Say): string {
  const t = s.totals;
  const items: [string, string, string?][] = [
    [say('totals.startedLabel'), String(t.started)],
    [say('totals.sentLabel'), String(t.finished), t.started > 0 ? say('totals.sentNote', { percent: percent(t.finished, t.started) }) : undefined],
    [say('totals.urgentLabel'), t.urgentShare === null ? '–' : percent(t.urgent, t.finished), say('totals.urgentNote', { urgent: t.urgent, sent: t.finished })],
    [say('totals.leftLabel'), String(t.endedEarly), say('totals.leftNote')],
    [say('totals.expiredLabel'), String(t.abandoned)],
  ];
  const dl = items
    .map(([k, v, note]) => `<div><dt>${esc(k)}</dt><dd><span class="big">${esc(v)}</span>${note ? ` <span class="note">${esc(note)}</span>` : ''}</dd></div>`)
    .join('');
  return `<section class="panel" id="totals" aria-labelledby="totals-h"><h2 id="totals-h">${esc(say('totals.heading', { days: s.days, from: s.from, to: s.to }))}</h2><dl class="totals">${dl}</dl></section>`;
}

/** Started and sent intakes per day: grouped vertical bars. */
function perDay(s: Stats, say: Say): string {
  const id = 'per-day';
  const height = 250;
  const left = 44;
  const right = WIDTH - 10;
  const top = 12;
  const bottom = height - 34;
  const max = niceMax(Math.max(0, ...s.perDay.map((d) => Math.max(d.started, d.finished))));
  const y = (n: number) => bottom - (n / max) * (bottom - top);
  const band = (right - left) / s.perDay.length;
  const bar = Math.max(1, band * 0.38);
  const grid = [0, max / 2, max]
    .filter((v) => Number.isInteger(v))
    .map((v) => `<line class="grid" x1="${left}" x2="${right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"/><text class="axis" x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${v}</text>`)
    .join('');
  const every = Math.max(1, Math.ceil(s.perDay.length / 8));
  const last = s.perDay.length - 1;
  // Every `every`-th day and the last one, leaving out a regular one that would touch the last.
  const labelled = (i: number) => i === last || (i % every === 0 && last - i >= every / 2);
  const bars = s.perDay
    .map((d, i) => {
      const x = left + i * band + (band - 2 * bar) / 2;
      const label = labelled(i)
          ? `<text class="axis" x="${(left + i * band + band / 2).toFixed(1)}" y="${bottom + 16}" text-anchor="middle">${esc(d.day.slice(5))}</text>`
          : '';
      return (
        `<rect class="started" x="${x.toFixed(1)}" y="${y(d.started).toFixed(1)}" width="${bar.toFixed(1)}" height="${(bottom - y(d.started)).toFixed(1)}"/>` +
        `<rect class="finished" x="${(x + bar).toFixed(1)}" y="${y(d.finished).toFixed(1)}" width="${bar.toFixed(1)}" height="${(bottom - y(d.finished)).toFixed(1)}"/>` +
        label
      );
    })
    .join('');
  const busiest = s.perDay.reduce((a, d) => (d.started > a.started ? d : a), s.perDay[0]!);
  const desc =
    s.totals.started === 0 && s.totals.finished === 0
      ? say('perDay.none')
      : say('perDay.desc', { from: s.from, to: s.to, started: s.totals.started, sent: s.totals.finished, day: busiest.day, busiest: busiest.started });
  const body = `${grid}${bars}<line class="axis-line" x1="${left}" x2="${right}" y1="${bottom}" y2="${bottom}"/>`;
  return chartPanel(say, id, say('perDay.heading'), {
    legend: [['started', say('perDay.startedLegend')], ['finished', say('perDay.sentLegend')]],
    chart: { title: say('perDay.title', { from: s.from, to: s.to }), desc, height, body },
    numbers: {
      caption: say('perDay.heading'),
      head: [say('perDay.dayHeader'), say('perDay.startedHeader'), say('perDay.sentHeader'), say('perDay.urgentHeader')],
      rows: s.perDay.map((d) => [d.day, d.started, d.finished, d.urgent]),
    },
  });
}

/** One horizontal bar row: label, bar(s) and the value text. */
function hbarRows(
  rows: readonly { label: string; bars: readonly { cls: string; from: number; to: number }[]; value: string }[],
  max: number,
  labelWidth: number,
  valueWidth = 150,
): { body: string; height: number } {
  const x0 = LABEL_X + labelWidth;
  const span = WIDTH - x0 - valueWidth;
  const scale = (n: number) => (n / max) * span;
  const body = rows
    .map((r, i) => {
      const y = 8 + i * ROW;
      const bars = r.bars
        .filter((b) => b.to > b.from)
        .map((b) => `<rect class="${b.cls}" x="${(x0 + scale(b.from)).toFixed(1)}" y="${y}" width="${Math.max(1, scale(b.to - b.from)).toFixed(1)}" height="${ROW - 8}"/>`)
        .join('');
      const end = Math.max(0, ...r.bars.map((b) => b.to));
      return (
        `<text class="label" x="${LABEL_X}" y="${y + ROW / 2}">${esc(r.label)}</text>` +
        bars +
        `<text class="value" x="${(x0 + scale(end) + 6).toFixed(1)}" y="${y + ROW / 2}">${esc(r.value)}</text>`
      );
    })
    .join('');
  return { body, height: 16 + rows.length * ROW };
}

/** The drop-off funnel: for each step, ended intakes that reached it, and those that stopped there. */
function funnel(s: Stats, say: Say): string {
  const id = 'funnel';
  const heading = say('funnel.heading');
  const intro = `<p class="explain">${esc(say('funnel.intro'))}</p>`;
  if (s.funnel.length === 0) return section(id, heading, intro + empty(say('funnel.none')));
  const max = niceMax(Math.max(...s.funnel.map((f) => f.reached)));
  const { body, height } = hbarRows(
    s.funnel.map((f) => ({
      label: `${f.label} (${f.step})`,
      bars: [
        { cls: 'reached', from: 0, to: f.reached },
        { cls: 'stopped', from: f.reached - f.stoppedTotal, to: f.reached },
      ],
      value: f.stoppedTotal > 0 ? say('funnel.stoppedValue', { reached: f.reached, stopped: f.stoppedTotal }) : say('funnel.reachedValue', { reached: f.reached }),
    })),
    max,
    300,
  );
  const worst = [...s.funnel].sort((a, b) => b.stoppedTotal - a.stoppedTotal)[0]!;
  const stops = s.funnel.filter((f) => f.stoppedTotal > 0).map((f) => `${f.label} (${f.step}): ${f.stoppedTotal}`);
  const desc =
    stops.length === 0
      ? say('funnel.allSent', { reached: s.funnel[0]!.reached })
      : say('funnel.desc', { stops: stops.join('; '), worst: `${worst.label} (${worst.step})` });
  return chartPanel(say, id, heading, {
    intro,
    legend: [['reached', say('funnel.reachedLegend')], ['stopped', say('funnel.stoppedLegend')]],
    chart: { title: say('funnel.title'), desc, height, body },
    numbers: {
      caption: say('funnel.caption'),
      head: ['questionHeader', 'idHeader', 'reachedHeader', 'stoppedHeader', 'exitHeader', 'deleteHeader', 'declinedHeader', 'expiredHeader'].map((k) => say(`funnel.${k}`)),
      rows: s.funnel.map((f) => [f.label, f.step, f.reached, f.stoppedTotal, f.stopped.exited, f.stopped.deleted, f.stopped.declined, f.stopped.abandoned]),
    },
  });
}

/** Urgent intakes among those sent: one 100% bar. */
function urgentShare(s: Stats, say: Say): string {
  const id = 'urgent';
  const heading = say('urgent.heading');
  const { finished, urgent } = s.totals;
  if (finished === 0) return section(id, heading, empty(say('urgent.none')));
  const { body, height } = hbarRows(
    [
      {
        label: say('urgent.rowLabel'),
        bars: [
          { cls: 'urgent', from: 0, to: urgent },
          { cls: 'not-urgent', from: urgent, to: finished },
        ],
        value: say('urgent.value', { percent: percent(urgent, finished) }),
      },
    ],
    finished,
    140,
  );
  const desc = say('urgent.desc', { urgent, sent: finished, percent: percent(urgent, finished) });
  return chartPanel(say, id, heading, {
    legend: [['urgent', say('urgent.urgentLegend')], ['not-urgent', say('urgent.notUrgentLegend')]],
    chart: { title: say('urgent.title'), desc, height, body },
    numbers: {
      caption: say('urgent.caption'),
      head: [say('urgent.sentHeader'), say('urgent.urgentHeader'), say('urgent.notUrgentHeader'), say('urgent.shareHeader')],
      rows: [[say('urgent.rowLabel'), urgent, finished - urgent, percent(urgent, finished)]],
    },
  });
}

/** The most frequent findings (the two every result ends with are in the table only). */
function topFindings(s: Stats, say: Say): string {
  const id = 'findings';
  const heading = say('findings.heading');
  const top = s.findings.filter((f) => !f.alwaysPresent).slice(0, 10);
  const always = s.findings.filter((f) => f.alwaysPresent);
  // The two findings that close every result (ALWAYS_PRESENT_FINDINGS), named in one sentence.
  const note =
    always.length === 2 ? `<p class="explain">${esc(say('findings.closing', { first: always[0]!.title, second: always[1]!.title }))}</p>` : '';
  const tableHtml = table(
    say,
    say('findings.caption'),
    [say('findings.findingHeader'), say('findings.codeHeader'), say('findings.intakesHeader')],
    s.findings.map((f) => [f.title, f.code, f.count]),
  );
  if (top.length === 0) return section(id, heading, note + empty(say('findings.none')) + (s.findings.length ? tableHtml : ''));
  const max = niceMax(top[0]!.count);
  const { body, height } = hbarRows(
    top.map((f) => ({ label: f.title, bars: [{ cls: 'finding', from: 0, to: f.count }], value: String(f.count) })),
    max,
    340,
  );
  const desc = say('findings.desc', { list: top.map((f) => `${f.title} (${f.code}) ${f.count}`).join('; ') });
  return section(id, heading, note + svg(id, height, say('findings.title'), desc, body) + tableHtml);
}

/** Language of intakes started and sent: two 100% bars. */
function languages(s: Stats, say: Say): string {
  const id = 'languages';
  const heading = say('languages.heading');
  const [first, second] = s.languages as [Stats['languages'][number], Stats['languages'][number]];
  const startedTotal = first.started + second.started;
  const finishedTotal = first.finished + second.finished;
  if (startedTotal + finishedTotal === 0) return section(id, heading, empty(say('languages.none')));
  const rows = [
    [say('languages.startedLabel'), first.started, second.started, startedTotal],
    [say('languages.sentLabel'), first.finished, second.finished, finishedTotal],
  ] as const;
  const { body, height } = hbarRows(
    rows.map(([label, a, b, all]) => ({
      label,
      bars: all
        ? [
            { cls: `lang-${first.language}`, from: 0, to: (a / all) * 100 },
            { cls: `lang-${second.language}`, from: (a / all) * 100, to: 100 },
          ]
        : [],
      value: all
        ? say('languages.value', { firstPercent: percent(a, all), first: first.label, secondPercent: percent(b, all), second: second.label })
        : say('languages.noValue'),
    })),
    100,
    140,
    210,
  );
  const desc = rows
    .map(([label, a, b, all]) => {
      const counts = { label, firstCount: a, first: first.label, secondCount: b, second: second.label };
      return all ? say('languages.descShare', { ...counts, secondPercent: percent(b, all) }) : say('languages.descRow', counts);
    })
    .join(' ');
  return chartPanel(say, id, heading, {
    legend: [[`lang-${first.language}`, first.label], [`lang-${second.language}`, second.label]],
    chart: { title: say('languages.title'), desc, height, body },
    numbers: { caption: say('languages.caption'), head: [say('languages.intakesHeader'), first.label, second.label], rows: rows.map(([label, a, b]) => [label, a, b]) },
  });
}

/** The whole dashboard body for one period, as an HTML fragment, with the English translator (staff read English). */
export function renderDashboard(s: Stats, en: Translator): string {
  const say: Say = (key, values) => en.t(`staff:charts.${key}` as TextKey, values);
  return [totals(s, say), perDay(s, say), funnel(s, say), urgentShare(s, say), topFindings(s, say), languages(s, say)].join('\n');
}
