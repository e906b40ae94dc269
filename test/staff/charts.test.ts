/**
 * The dashboard's numbers and charts as pure functions: what stored rows are trusted, the period,
 * the funnel's order, an empty period, and escaping.
 */
import { createTexts } from '../../src/i18n';
import { niceMax, renderDashboard } from '../../src/staff/charts';
import { buildStats, periodDays } from '../../src/staff/stats';

const en = createTexts().translator('en');
const today = new Date('2026-11-23T18:00:00Z');

describe('buildStats', () => {
  it('sums the period only, and ignores rows it does not know or trust', () => {
    const stats = buildStats(
      [
        { day: '2026-11-16', metric: 'started', key: 'en', count: 5 }, // before the 7 days
        { day: '2026-11-17', metric: 'started', key: 'en', count: 2 },
        { day: '2026-11-23', metric: 'started', key: 'es', count: 1 },
        { day: '2026-11-23', metric: 'finished', key: 'es', count: 1 },
        { day: '2026-11-23', metric: 'future_metric', key: 'x', count: 9 }, // a newer version's metric
        { day: '2026-11-23', metric: 'finding', key: '<b>bold</b>', count: 9 }, // not a code
        { day: '2026-11-23', metric: 'finding', key: 'DETAINED', count: -1 }, // not a count
        { day: '23/11/2026', metric: 'started', key: 'en', count: 9 }, // not a day
      ],
      { days: 7, today, en },
    );
    expect(stats.from).toBe('2026-11-17');
    expect(stats.to).toBe('2026-11-23');
    expect(stats.totals).toEqual({ started: 3, finished: 1, urgent: 0, urgentShare: 0, endedEarly: 0, abandoned: 0 });
    expect(stats.findings).toEqual([]);
    expect(stats.perDay.map((d) => d.started)).toEqual([2, 0, 0, 0, 0, 0, 1]);
  });

  it('orders the funnel by the question catalogue, review last, and leaves out steps nobody reached', () => {
    const rows = ['review', 'consent', 'language', 'proceedings'].map((key) => ({ day: '2026-11-20', metric: 'reached', key, count: 2 }));
    rows.push({ day: '2026-11-20', metric: 'abandoned', key: 'proceedings', count: 1 });
    const stats = buildStats(rows, { days: 30, today, en });
    expect(stats.funnel.map((f) => [f.step, f.label, f.reached, f.stoppedTotal])).toEqual([
      ['language', 'Language', 2, 0],
      ['consent', 'Privacy notice', 2, 0],
      ['proceedings', 'Court case', 2, 1],
      ['review', 'Review and send', 2, 0],
    ]);
    expect(stats.totals.urgentShare).toBeNull();
  });

  it('counts days in UTC', () => {
    expect(periodDays(3, new Date('2026-03-01T23:30:00-05:00'))).toEqual(['2026-02-28', '2026-03-01', '2026-03-02']);
  });
});

describe('renderDashboard', () => {
  it('says so in words when a period is empty, with no broken numbers', () => {
    const html = renderDashboard(buildStats([], { days: 90, today, en }), en);
    expect(html).toContain('No intake ended in this period.');
    expect(html).toContain('No intake was sent in this period.');
    expect(html).toContain('No intake was started or sent in this period.');
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
    // 90 days of bars, labelled without two labels on top of each other.
    const labels = [...html.matchAll(/<text class="axis" x="([\d.]+)" y="232"/g)].map((m) => Number(m[1]));
    expect(labels.length).toBeGreaterThan(4);
    for (let i = 1; i < labels.length; i++) expect(labels[i]! - labels[i - 1]!).toBeGreaterThan(40);
  });

  it('escapes every text it draws', () => {
    const stats = buildStats([{ day: '2026-11-23', metric: 'finding', key: 'DETAINED', count: 1 }, { day: '2026-11-23', metric: 'finished', key: 'en', count: 1 }], { days: 7, today, en });
    stats.findings[0]!.title = '<img src=x onerror=alert(1)> & "quoted"';
    const html = renderDashboard(stats, en);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot;');
  });

  it('rounds axes up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 3, 7, 10, 11, 40, 51, 999].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 50, 100, 1000]);
  });
});
