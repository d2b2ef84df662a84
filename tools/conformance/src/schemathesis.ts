// Runs the pinned schemathesis (scripts/ensure-schemathesis.sh put it under .tools/) against one
// service's OpenAPI document and reads back its JSON report: cases per operation, failures.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('../', import.meta.url));
export const schemathesisBin = join(packageDir, '../../.tools/schemathesis/bin/schemathesis');

/**
 * What must hold for every generated request (issue 10): no 5xx, only documented status codes,
 * content types, headers and bodies, and no state change behind an error answer (our own check,
 * hooks/kelisim_checks.py). `negative_data_rejection` stays out: the JSON Schema `email` format
 * and zod's differ on edge cases (local parts over 64 characters), which says nothing about safety.
 */
export const checks = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'response_schema_conformance',
  'no_state_change_on_error',
];

export type RunOptions = {
  baseUrl: string;
  /** Bearer tokens, rotated every `callsPerToken` calls. */
  tokens: string[];
  callsPerToken: number;
  /** Examples per operation in the fuzzing phase (the coverage phase adds its own). */
  maxExamples: number;
  /** Schemathesis phases, e.g. `examples,coverage` or `examples,coverage,fuzzing`. */
  phases: string;
  probeUrl?: string;
  probeReads: boolean;
  seed?: number;
};

type Tally = { accepted: number; unreachable: number; conflicts: number; rejected: number };
type JsonReport = {
  exit_code: number;
  test_cases: { generated: number; with_failures: number; unique_failures: number; errored: number };
  failures: unknown[];
  errors: unknown[];
  valid_rates: Record<string, Record<string, Tally>>;
};

export type RunResult = {
  exitCode: number;
  generated: number;
  /** Requests sent per operation, all phases together. */
  casesPerOperation: Record<string, number>;
  uniqueFailures: number;
  errored: number;
  /** The end of schemathesis's own output: the failures with a curl line to reproduce each. */
  output: string;
};

export async function runSchemathesis(options: RunOptions): Promise<RunResult> {
  if (!existsSync(schemathesisBin)) throw new Error('run scripts/ensure-schemathesis.sh first');
  const reportDir = mkdtempSync(join(tmpdir(), 'kelisim-schemathesis-'));
  const args = [
    'run',
    `${options.baseUrl}/openapi.json`,
    '--url',
    options.baseUrl,
    '--header',
    `Authorization: Bearer ${options.tokens[0]}`,
    '--checks',
    checks.join(','),
    '--phases',
    options.phases,
    '--max-examples',
    String(options.maxExamples),
    '--workers',
    '1',
    '--generation-database',
    'none',
    '--exclude-path-regex',
    // Server-sent events never end; the stream is covered by notifications' own tests.
    '/alerts/stream$',
    // Under the services' per-address limit (3,000 a minute): 429s would waste the budget.
    '--rate-limit',
    '2700/m',
    '--request-timeout',
    '20',
    '--no-color',
    '--report',
    'json',
    '--report-dir',
    reportDir,
    ...(options.seed === undefined ? [] : ['--seed', String(options.seed)]),
  ];
  const output = await new Promise<{ code: number; text: string }>((resolve, reject) => {
    const child = spawn(schemathesisBin, args, {
      env: {
        ...process.env,
        PYTHONPATH: join(packageDir, 'hooks'),
        SCHEMATHESIS_HOOKS: 'kelisim_checks',
        KELISIM_TOKENS: options.tokens.join(','),
        KELISIM_CALLS_PER_TOKEN: String(options.callsPerToken),
        KELISIM_STATE_PROBE: options.probeUrl ?? '',
        KELISIM_PROBE_READS: options.probeReads ? '1' : '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    const keep = (chunk: Buffer) => {
      text = (text + chunk.toString()).slice(-60_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code: code ?? 1, text }));
  });
  const file = readdirSync(reportDir).find((name) => name.endsWith('.json'));
  if (!file) throw new Error(`schemathesis wrote no report:\n${output.text.slice(-5000)}`);
  const report = JSON.parse(readFileSync(join(reportDir, file), 'utf8')) as JsonReport;
  const casesPerOperation: Record<string, number> = {};
  for (const [operation, phases] of Object.entries(report.valid_rates)) {
    casesPerOperation[operation] = Object.values(phases).reduce(
      (sum, t) => sum + t.accepted + t.unreachable + t.conflicts + t.rejected,
      0,
    );
  }
  return {
    exitCode: output.code,
    generated: report.test_cases.generated,
    casesPerOperation,
    uniqueFailures: report.test_cases.unique_failures,
    errored: report.test_cases.errored + report.errors.length,
    output: output.text,
  };
}
