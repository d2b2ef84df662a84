import { describe, expect, it } from 'vitest';
import { benchmarkNames, parseArgs } from './args.ts';

describe('parseArgs', () => {
  it('defaults to every benchmark for ten seconds', () => {
    expect(parseArgs([])).toEqual({
      durationSeconds: 10,
      only: [...benchmarkNames],
      endToEndRate: undefined,
      profile: false,
    });
  });

  it('reads --duration, --only (with = or a separate value), --rate and --profile', () => {
    const args = parseArgs(['--', '--duration', '3', '--only=registration,list', '--rate', '5', '--profile']);
    expect(args).toEqual({
      durationSeconds: 3,
      only: ['registration', 'list'],
      endToEndRate: 5,
      profile: true,
    });
  });

  it('refuses unknown benchmarks, options and bad numbers', () => {
    expect(() => parseArgs(['--only', 'nope'])).toThrow(/--only/);
    expect(() => parseArgs(['--fast'])).toThrow(/unknown option/);
    expect(() => parseArgs(['--duration', '0'])).toThrow(/--duration/);
  });
});
