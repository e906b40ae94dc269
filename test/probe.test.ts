import { understand } from '../src/understand';
import { createTexts } from '../src/i18n';
const texts = createTexts();
const labels = { option: () => undefined, reviewLabel: () => undefined };
test('x', () => {
for (const d of [new Date(2026, 11, 5, 12), new Date(2026, 11, 6, 12), new Date(2027, 5, 6, 12)]) {
  console.log(d.toDateString(), JSON.stringify(understand({ text: 'since last year' }, { expecting: 'time_in_us', answers: {}, today: d, reviewItems: [], labels } as any)));
}
});
