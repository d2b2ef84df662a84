import { describe, expect, it } from 'vitest';
import { benchmarkNames, parseArgs } from './args.ts';

describe('parseArgs', () => {
  it('defaults to every benchmark for ten seconds', () => {
    expect(parseArgs([])).toEqual({
      durationSeconds: 10,
      only: [...benchmarkNames],
      endToEndRate: undefined,
      profile: false,
      sizes: [1_000, 10_000, 100_000],
      samples: 200,
    });
  });

  it('reads --duration, --only (with = or a separate value), --rate and --profile', () => {
    const args = parseArgs(['--', '--duration', '3', '--only=registration,list', '--rate', '5', '--profile']);
    expect(args).toEqual({
      durationSeconds: 3,
      only: ['registration', 'list'],
      endToEndRate: 5,
      profile: true,
      sizes: [1_000, 10_000, 100_000],
      samples: 200,
    });
  });

  it("reads the growth benchmark's --sizes and --samples", () => {
    const args = parseArgs(['--only', 'growth', '--sizes', '200,1000,2000', '--samples=50']);
    expect(args).toMatchObject({ only: ['growth'], sizes: [200, 1_000, 2_000], samples: 50 });
    expect(() => parseArgs(['--sizes', '1000,x'])).toThrow(/--sizes/);
    expect(() => parseArgs(['--samples', '0'])).toThrow(/--samples/);
  });

  it('refuses unknown benchmarks, options and bad numbers', () => {
    expect(() => parseArgs(['--only', 'nope'])).toThrow(/--only/);
    expect(() => parseArgs(['--fast'])).toThrow(/unknown option/);
    expect(() => parseArgs(['--duration', '0'])).toThrow(/--duration/);
  });
});
