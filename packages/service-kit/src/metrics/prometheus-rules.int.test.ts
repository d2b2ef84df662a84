// The repository's Prometheus rules (infra/observability) pass Prometheus's own checks: the rules
// parse and their expressions are valid (`check rules`), and the unit tests of the dead-letter,
// lag, outbox and overdue-alert rules hold (`test rules`). promtool is built once from the Go
// module proxy (infra/local/promtool.sh): minutes on a fresh machine, hence the long timeout.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { promtoolPath, runPromtool } from '../testing/prometheus-text.ts';

const rules = fileURLToPath(
  new URL('../../../../infra/observability/prometheus-rules.yaml', import.meta.url),
);
const ruleTests = fileURLToPath(
  new URL('../../../../infra/observability/prometheus-rules.test.yaml', import.meta.url),
);
let promtool: string;

beforeAll(async () => {
  promtool = await promtoolPath();
}, 900_000);

describe('the Prometheus rules in infra/observability', () => {
  it('pass promtool check rules', async () => {
    const result = await runPromtool(promtool, ['check', 'rules', rules]);
    expect(result.output).toContain('SUCCESS: 7 rules found');
    expect(result.code).toBe(0);
  });

  it('pass their unit tests (promtool test rules)', async () => {
    const result = await runPromtool(promtool, ['test', 'rules', ruleTests]);
    expect(result.output).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });
});
