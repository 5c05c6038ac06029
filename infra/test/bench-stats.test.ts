import { describe, expect, it } from 'vitest';
import { ms, p50p99, quantile } from '../bench/support/stats.ts';

describe('bench quantiles (nearest rank)', () => {
  it('takes the value at or above the quantile, whatever the order of the sample', () => {
    const xs = [5, 1, 4, 2, 3];
    expect(quantile(xs, 0.5)).toBe(3);
    expect(quantile(xs, 0)).toBe(1);
    expect(quantile(xs, 1)).toBe(5);
    expect(xs).toEqual([5, 1, 4, 2, 3]); // the sample itself is left as it was
  });

  it('gives p99 of 100 values as the 99th and of 1000 as the 990th', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(p50p99(hundred)).toEqual({ p50: 50, p99: 99 });
    const thousand = Array.from({ length: 1000 }, (_, i) => 1000 - i);
    expect(p50p99(thousand)).toEqual({ p50: 500, p99: 990 });
  });

  it('has no quantile for an empty sample, and prints it as a dash', () => {
    expect(quantile([], 0.5)).toBeNaN();
    expect(ms(Number.NaN)).toBe('–');
    expect(ms(4.26)).toBe('4.3');
    expect(ms(42.6)).toBe('43');
  });
});
