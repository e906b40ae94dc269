import { LABEL_PRIORITY, longestMatch, PhraseSet } from '../../src/understand/phraseMatcher';
import { tokenize } from '../../src/understand/normalize';

const set = new PhraseSet()
  .add('visa', 'inspected')
  .add('no visa', 'without_inspection')
  .add('no', 'no')
  .add('yes', 'yes')
  .add('not sure', 'not_sure')
  .add('sure', 'yes')
  .add('not a citizen', null)
  .add('citizen', 'us_citizen')
  .add('wife', 'married')
  .add('none', 'none');
const match = (text: string, sets = [set]) => longestMatch(tokenize(text), sets);

describe('longestMatch', () => {
  test('whole tokens only', () => {
    expect(match('visas')).toEqual({ kind: 'none' });
    expect(match('nothing')).toEqual({ kind: 'none' });
  });
  test('the longest phrase wins, anywhere in the message', () => {
    expect(match('I came with no visa at all')).toEqual({ kind: 'value', value: 'without_inspection' });
    expect(match('not sure')).toEqual({ kind: 'value', value: 'not_sure' });
  });
  test('equal tokens, different values: ambiguous, whatever the characters', () => {
    expect(match('yes no')).toEqual({ kind: 'ambiguous' });
  });
  test('a tie between different values is ambiguous; the same value twice is not', () => {
    expect(match('wife none')).toEqual({ kind: 'ambiguous' });
    expect(match('yes sure')).toEqual({ kind: 'value', value: 'yes' });
  });
  test('a blocker that wins leaves nothing understood', () => {
    expect(match('he is not a citizen')).toEqual({ kind: 'blocked' });
  });
  test('a blocker tied with a value as long as itself blocks nothing', () => {
    const tie = new PhraseSet().add('yes i am', null).add('married to her', 'married');
    expect(longestMatch(tokenize('yes I am married to her'), [tie])).toEqual({ kind: 'value', value: 'married' });
    expect(longestMatch(tokenize('yes I am'), [tie])).toEqual({ kind: 'blocked' });
  });
  test('labels win ties with words of the same length', () => {
    const labels = new PhraseSet().add('none', 'married', LABEL_PRIORITY);
    expect(match('none', [set, labels])).toEqual({ kind: 'value', value: 'married' });
  });
  test('linear in the message length', () => {
    const tokens = tokenize('no '.repeat(250));
    const start = performance.now();
    for (let i = 0; i < 1000; i++) longestMatch(tokens, [set]);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
