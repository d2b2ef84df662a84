import { describe, expect, it } from 'vitest';
import {
  type Comparison,
  formatTable,
  ratiosOf,
  resultDocument,
  tableHeaders,
  tableRows,
  verdictOf,
} from './report.ts';

const run = (rate: number, p50: number, p99: number) => ({ rate, p50, p99, failures: 0 });

const registration: Comparison = {
  name: 'registration',
  subject: { label: 'POST /cases', max: run(300, 20, 80), fixed: { ...run(200, 4, 12), offeredRate: 200 } },
  baseline: { label: 'bare insert', max: run(400, 10, 30), fixed: { ...run(200, 2, 6), offeredRate: 200 } },
};

describe('ratios and targets', () => {
  it('divides the subject by the baseline: max throughput, fixed-rate latencies', () => {
    expect(ratiosOf(registration)).toEqual({ throughput: 0.75, p50: 2, p99: 2 });
  });

  it('meets a throughput target at exactly its bound, and misses below it', () => {
    expect(verdictOf('registration', { throughput: 0.75, p50: 1, p99: 1 }).met).toBe(true);
    expect(verdictOf('read-by-id', { throughput: 0.79, p50: 1, p99: 1 }).met).toBe(false);
  });

  it('checks the end-to-end p99 ratio against its ceiling; a list has no target', () => {
    expect(verdictOf('end-to-end', { throughput: Number.NaN, p50: 3, p99: 9.5 }).met).toBe(true);
    expect(verdictOf('end-to-end', { throughput: Number.NaN, p50: 3, p99: 12 }).met).toBe(false);
    expect(verdictOf('list', { throughput: 0.1, p50: 1, p99: 1 })).toEqual({ target: '(none)', met: null });
    expect(verdictOf('registration', { throughput: Number.NaN, p50: 1, p99: 1 }).met).toBeNull();
  });
});

describe('table', () => {
  it('prints the baseline then the subject with its ratios and verdict', () => {
    const rows = tableRows([registration]);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.slice(0, 3)).toEqual(['registration', 'bare insert', '400']);
    expect(rows[1]?.slice(-5)).toEqual(['0.75', '2.00', '2.00', 'throughput ≥ 0.5× bare insert', 'yes']);
    const text = formatTable(tableHeaders, rows);
    expect(text.split('\n')).toHaveLength(4);
    expect(text).toContain('200/200');
  });

  it('writes the runs, ratios and verdict into the JSON document', () => {
    const doc = resultDocument(registration, { durationSeconds: 10 });
    expect(doc.verdict.met).toBe(true);
    expect(doc.durationSeconds).toBe(10);
  });
});
