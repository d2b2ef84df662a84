// The runner's command line: `--duration <seconds>`, `--only <name>[,<name>]`, `--rate <per second>`
// (the end-to-end and cost runs' fixed rate; platform-cost's writes per second, default 8) and
// `--profile` (a CPU profile of the services' process); for `growth`, `--sizes <n>[,<n>]` (existing
// cases, default 1000,10000,100000) and `--samples <n>` (timed runs per operation and size).
// In this order: end to end runs before the read benchmarks seed their few hundred cases, because
// on FerretDB every query scans (see README) and more cases slow registration down.
import { parseSizes } from './growth-report.ts';

export const benchmarkNames = [
  // On databases of its own, before the others start theirs.
  'growth',
  'registration',
  // Registration with tracing on (spans exported to Jaeger) against the same with tracing off.
  'tracing',
  'end-to-end',
  'pipeline',
  'inbox',
  'cost',
  'platform-cost',
  'read-by-id',
  'list',
] as const;
export type BenchmarkName = (typeof benchmarkNames)[number];

export type BenchArgs = {
  durationSeconds: number;
  only: BenchmarkName[];
  /** Default: half the registration's max rate measured in this run (else 2 per second). */
  endToEndRate: number | undefined;
  profile: boolean;
  /** growth: the numbers of existing cases to measure at. */
  sizes: number[];
  /** growth: timed runs of each operation at each size. */
  samples: number;
};

export const defaultArgs: BenchArgs = {
  durationSeconds: 10,
  only: [...benchmarkNames],
  endToEndRate: undefined,
  profile: false,
  sizes: [1_000, 10_000, 100_000],
  samples: 200,
};

function isBenchmarkName(name: string): name is BenchmarkName {
  return (benchmarkNames as readonly string[]).includes(name);
}

function positive(flag: string, text: string | undefined, max: number): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    throw new Error(`${flag} wants a number above 0 and at most ${max}, not ${text ?? 'nothing'}`);
  }
  return value;
}

/** Parses argv after the script name; throws with a readable message on anything unknown. */
export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { ...defaultArgs, only: [...defaultArgs.only], sizes: [...defaultArgs.sizes] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    // `pnpm run bench -- --only x` passes the separator through.
    if (flag === '--') continue;
    const [name, inline] =
      flag?.startsWith('--') && flag.includes('=') ? flag.split('=', 2) : [flag, undefined];
    const value = () => inline ?? argv[++i];
    if (name === '--duration') args.durationSeconds = positive('--duration', value(), 600);
    else if (name === '--rate') args.endToEndRate = positive('--rate', value(), 10_000);
    else if (name === '--profile') args.profile = true;
    else if (name === '--sizes') args.sizes = parseSizes(value());
    else if (name === '--samples') args.samples = Math.round(positive('--samples', value(), 100_000));
    else if (name === '--only') {
      const names = (value() ?? '').split(',').filter(Boolean);
      const unknown = names.filter((n) => !isBenchmarkName(n));
      if (names.length === 0 || unknown.length > 0) {
        throw new Error(
          `--only wants some of ${benchmarkNames.join(', ')}; got ${names.join(',') || 'nothing'}`,
        );
      }
      args.only = names.filter(isBenchmarkName);
    } else
      throw new Error(
        `unknown option ${flag}; options: --duration, --only, --rate, --profile, --sizes, --samples`,
      );
  }
  return args;
}
