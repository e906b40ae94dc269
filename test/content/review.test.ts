/** The content review date (design.md §7): six calendar months, then stale. */
import { contentReview, reviewDateSchema } from '../../src/content';
import { createTexts } from '../../src/i18n';
import { realCatalog } from '../support/contentTools';

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('content review date', () => {
  it('is current until six calendar months after the review, then stale', () => {
    expect(contentReview('2026-11-23', at('2026-11-23'))).toEqual({ reviewed: '2026-11-23', staleAfter: '2027-05-23', stale: false });
    expect(contentReview('2026-11-23', at('2027-05-23')).stale).toBe(false);
    expect(contentReview('2026-11-23', at('2027-05-24')).stale).toBe(true);
    expect(contentReview('2026-11-23', at('2030-01-01')).stale).toBe(true);
  });

  it('keeps to the last day of a shorter month', () => {
    expect(contentReview('2026-08-31', at('2027-02-28'))).toEqual({ reviewed: '2026-08-31', staleAfter: '2027-02-28', stale: false });
    expect(contentReview('2026-08-31', at('2027-03-01')).stale).toBe(true);
    expect(contentReview('2027-08-31', at('2028-02-29')).staleAfter).toBe('2028-02-29');
  });

  it('refuses a date that is not a real YYYY-MM-DD date', () => {
    for (const bad of ['2026-02-30', '23/11/2026', '2026-1-5', 'soon', '']) expect(reviewDateSchema.safeParse(bad).success).toBe(false);
    expect(() => contentReview('2026-13-01', at('2026-12-01'))).toThrow();
  });

  it('is the same date in both locales, and the reviewer note stays honest until an attorney signs', () => {
    const meta = realCatalog().filter((s) => s.kind === 'meta');
    const date = meta.filter((s) => s.id === 'meta:contentReviewed').map((s) => s.template);
    expect(date).toHaveLength(2);
    expect(new Set(date).size).toBe(1);
    expect(reviewDateSchema.safeParse(date[0]).success).toBe(true);
    expect(createTexts().contentReviewed).toBe(date[0]);
    const by = meta.filter((s) => s.id === 'meta:reviewedBy').map((s) => s.template);
    expect(by).toEqual(['pending attorney review', 'pendiente de revisión por un abogado o abogada']);
  });
});
