/** Running only the model that can matter gives the same reading as running both. */
import { chooseReading, chooseReadingLazily } from '../../src/understand/recognizers';

type R = { coverage: number; bucket: string };
const same = (a: R, b: R) => a.bucket === b.bucket;

describe('chooseReadingLazily', () => {
  it('gives chooseReading its answer for every combination of readings', () => {
    const whole = 6;
    const options: (R | undefined)[] = [undefined];
    for (const coverage of [0, 3, 5, 6]) for (const bucket of ['a', 'b']) options.push({ coverage, bucket });
    for (const en of options) {
      for (const es of options) {
        for (const preferred of ['en', 'es'] as const) {
          const lazy = chooseReadingLazily((lang) => (lang === 'en' ? en : es), preferred, same, whole);
          expect(lazy).toBe(chooseReading({ en, es }, preferred, same));
        }
      }
    }
  });

  it('reads the other language only when the preferred reading leaves text uncovered', () => {
    const asked: string[] = [];
    const read = (lang: 'en' | 'es') => {
      asked.push(lang);
      return { coverage: lang === 'es' ? 6 : 2, bucket: lang };
    };
    chooseReadingLazily(read, 'es', same, 6);
    expect(asked).toEqual(['es']);
    asked.length = 0;
    chooseReadingLazily(read, 'en', same, 6);
    expect(asked).toEqual(['en', 'es']);
  });
});
