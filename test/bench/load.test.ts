import path from 'node:path';
import { echoScript } from '../../bench/load';
import { fillDate, loadScenarios } from '../../tools';

const dirs = [path.resolve(__dirname, '../../../shared/scenarios'), path.resolve(__dirname, '../scenarios')];

describe('the echo baselines’ load', () => {
  it('sends the same messages as an intake after the join: every typed answer, in file order', () => {
    const [s] = loadScenarios(dirs);
    const today = new Date();
    expect(echoScript(s!, today)).toEqual(Object.values(s!.answers).map((t) => fillDate(t, today)));
  });
});
