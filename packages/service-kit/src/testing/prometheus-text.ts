// Reading a service's /metrics page in tests, and Prometheus's own promtool to check it (built
// once from the Go module proxy by infra/local/promtool.sh into the infra cache, docs/adr/0021).
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The value of the sample `name` whose labels include `labels`; undefined when absent. */
export function sampleOf(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const wanted = Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`));
    if (wanted) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

const script = fileURLToPath(new URL('../../../../infra/local/promtool.sh', import.meta.url));

/** The promtool binary's path, building it first when needed (about four minutes cold). */
export async function promtoolPath(): Promise<string> {
  const { stdout } = await promisify(execFile)('bash', [script], { maxBuffer: 1 << 20, timeout: 900_000 });
  return stdout.trim();
}

/** Runs promtool with `args` and `input` on its standard input; its exit code and output. */
export function runPromtool(
  path: string,
  args: string[],
  input = '',
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
    child.stdin.end(input);
  });
}
