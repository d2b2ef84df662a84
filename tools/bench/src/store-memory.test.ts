import { describe, expect, it } from 'vitest';
import { kilobytes, parentPid } from './store-memory.ts';

describe('reading /proc', () => {
  it('reads a kB field of status or smaps_rollup', () => {
    const status = 'Name:\tpostgres\nVmHWM:\t  20480 kB\nVmRSS:\t   10240 kB\nThreads:\t1\n';
    expect(kilobytes(status, 'VmRSS')).toBe(10_240);
    expect(kilobytes('Rss:  900 kB\nPss:  300 kB\nPss_Anon:  20 kB\n', 'Pss')).toBe(300);
    expect(kilobytes(status, 'Pss')).toBe(0);
  });

  it('finds the parent pid after a command name holding spaces and parentheses', () => {
    expect(parentPid('4242 (postgres: walwriter (x)) S 21908 21908 21908 0 -1 4194368')).toBe(21_908);
    expect(parentPid('7 (ferretdb) S 1 7 7 0')).toBe(1);
  });
});
