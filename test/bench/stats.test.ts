import { median, percentile, round, summarize } from '../../bench/stats';

describe('bench statistics', () => {
  it('takes percentiles by nearest rank', () => {
    const hundred = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(Float64Array.from({ length: 2000 }, (_, i) => i + 1), 99.9)).toBe(1998);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 51)).toBe(3);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('summarizes latencies in any order', () => {
    const s = summarize([5, 1, 4, 2, 3]);
    expect(s).toEqual({ count: 5, meanMs: 3, p50Ms: 3, p95Ms: 5, p99Ms: 5, p999Ms: 5, maxMs: 5 });
    expect(summarize([]).count).toBe(0);
    expect(summarize([]).p99Ms).toBeNaN();
  });

  it('takes medians of odd and even counts, ignoring missing figures', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([Number.NaN, 5])).toBe(5);
    expect(median([])).toBeNaN();
  });

  it('rounds for JSON, with null for figures that do not exist', () => {
    expect(round(1.23456, 2)).toBe(1.23);
    expect(round(1234.5, 0)).toBe(1235);
    expect(round(Number.NaN)).toBeNull();
    expect(round(Number.POSITIVE_INFINITY)).toBeNull();
    expect(JSON.stringify({ v: round(Number.NaN) })).toBe('{"v":null}');
  });
});
