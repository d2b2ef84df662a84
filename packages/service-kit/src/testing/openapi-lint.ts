// A service's OpenAPI document checked by a standard linter (Redocly's `recommended` rules), so
// that clients can be generated from it: every operation named and summarised, servers and licence
// present, schemas valid. Tests assert that it reports no errors.
import { BaseResolver, createConfig, lintDocument, Source } from '@redocly/openapi-core';

export type OpenApiLintReport = {
  /** One line per error: rule, where, what. */
  errors: string[];
  /** Rules broken only as warnings, each with its count. */
  warnings: Record<string, number>;
};

export async function lintOpenApi(document: unknown, name = 'openapi.json'): Promise<OpenApiLintReport> {
  const config = await createConfig({ extends: ['recommended'] });
  const text = JSON.stringify(document, null, 2);
  const problems = await lintDocument({
    // Linted as served: what JSON drops (undefined members) is not there for a client either.
    document: { source: new Source(name, text), parsed: JSON.parse(text) },
    config,
    externalRefResolver: new BaseResolver(),
  });
  const errors: string[] = [];
  const warnings: Record<string, number> = {};
  for (const problem of problems) {
    if (problem.severity === 'error') {
      const where = problem.location[0]?.pointer ?? '';
      errors.push(`${problem.ruleId} at ${where}: ${problem.message}`);
    } else {
      warnings[problem.ruleId] = (warnings[problem.ruleId] ?? 0) + 1;
    }
  }
  return { errors, warnings };
}
