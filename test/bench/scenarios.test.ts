import path from 'node:path';
import { echoScript, fillDate, JOIN, loadScenarios } from '../../bench/scenarios';

const dirs = [path.resolve(__dirname, '../../../shared/scenarios'), path.resolve(__dirname, '../scenarios')];

describe('bench scenarios', () => {
  it('reads the public scenarios and our own personas', () => {
    const all = loadScenarios(dirs);
    expect(all.length).toBeGreaterThanOrEqual(18);
    expect(all.some((s) => s.locale === 'es')).toBe(true);
  });

  it('writes a {date+N} answer as the acceptance tool does', () => {
    const today = new Date(2026, 10, 23);
    expect(fillDate('{date+12}', today)).toBe('on December 5');
    expect(fillDate('next week', today)).toBe('next week');
  });

  it('gives the echo baselines the same messages as an intake: a join, then every typed answer', () => {
    const [s] = loadScenarios(dirs);
    const script = echoScript(s!, new Date());
    expect(script[0]).toBe(JOIN);
    expect(script.slice(1).map((a) => a.text)).toEqual(Object.values(s!.answers).map((t) => fillDate(t, new Date())));
  });
});
