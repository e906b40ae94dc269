import path from 'node:path';
import { fillDate, loadScenarios } from '../../tools';

const dirs = [path.resolve(__dirname, '../../../shared/scenarios'), path.resolve(__dirname, '../scenarios')];

describe('scenario files', () => {
  it('reads the public scenarios and our own personas, each with the file it came from', () => {
    const all = loadScenarios(dirs);
    expect(all.length).toBeGreaterThanOrEqual(18);
    expect(all.some((s) => s.locale === 'es')).toBe(true);
    expect(all.every((s) => s.file.endsWith('.json'))).toBe(true);
  });

  it('writes a {date+N} answer as the acceptance tool does', () => {
    const today = new Date(2026, 10, 23);
    expect(fillDate('{date+12}', today)).toBe('on December 5');
    expect(fillDate('next week', today)).toBe('next week');
  });
});
