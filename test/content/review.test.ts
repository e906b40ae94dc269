/** The content review (design.md §7, intake-spec v3): 60 days after the review date, then stale; sign-off pending until an attorney signs. */
import { contentReview, reviewDateSchema } from '../../src/content';
import { createTexts } from '../../src/i18n';
import { realCatalog } from '../support/contentTools';

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('content review date', () => {
  it('is current until 60 days after the review, then stale (review D34)', () => {
    expect(contentReview('2026-12-05', at('2026-12-05'))).toEqual({
      reviewed: '2026-12-05',
      staleAfter: '2027-02-03',
      stale: false,
      reviewedBy: 'pending attorney review',
      signOffPending: true,
    });
    expect(contentReview('2026-12-05', at('2027-02-03')).stale).toBe(false);
    expect(contentReview('2026-12-05', at('2027-02-04')).stale).toBe(true);
    expect(contentReview('2026-12-05', at('2030-01-01')).stale).toBe(true);
    expect(contentReview('2027-12-31', at('2028-02-29')).staleAfter).toBe('2028-02-29');
  });

  it('counts the wording as signed off only when meta names someone', () => {
    expect(contentReview('2026-12-05', at('2026-12-05'), 'pending attorney review').signOffPending).toBe(true);
    expect(contentReview('2026-12-05', at('2026-12-05'), ' Pending Attorney Review ').signOffPending).toBe(true);
    expect(contentReview('2026-12-05', at('2026-12-05'), '').signOffPending).toBe(true);
    expect(contentReview('2026-12-05', at('2026-12-05'), 'Ana Pérez, Esq., 2026-12-20').signOffPending).toBe(false);
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
