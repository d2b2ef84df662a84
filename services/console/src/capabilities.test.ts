// The capability table (README.md, between the `capabilities` markers) against the services'
// OpenAPI documents: every operation of every service has its row, no row names an operation that
// is gone, every view a row names is a file of the console, every role is a realm role, and the
// coverage stated in the README (operations reachable / operations a role may perform) is the
// table's own.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Operation, operationsOf, servicesWithApis } from './testing/service-openapi.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const sourceDir = fileURLToPath(new URL('./', import.meta.url));
const realm = JSON.parse(
  readFileSync(new URL('../../../infra/keycloak/kelisim-realm.json', import.meta.url), 'utf8'),
);
const realmRoles: string[] = realm.roles.realm.map((role: { name: string }) => role.name);

type View = {
  file: string;
  /** The roles whose menu opens the view, when not every role that may perform the operation. */
  openTo: string[] | null;
};

type Row = {
  service: string;
  operationId: string;
  method: string;
  path: string;
  roles: string[];
  /** The views that perform the operation (`;` between them), none when the cell is `—`. */
  views: View[];
};

function between(marker: string): string[] {
  const [, inside = ''] = readme.split(`<!-- ${marker}:start -->`);
  const [block = ''] = inside.split(`<!-- ${marker}:end -->`);
  return block
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*(-|service|role)/.test(line))
    .map((line) => line);
}

const cells = (line: string) =>
  line
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim().replaceAll('`', ''));

const rows: Row[] = between('capabilities').map((line) => {
  const [service = '', operationId = '', route = '', roles = '', view = ''] = cells(line);
  const [method = '', path = ''] = route.split(' ');
  const views =
    view === '—'
      ? []
      : view.split(';').map((one) => {
          const [, file = one.trim(), openTo] = /^(\S+)(?:\s+\(([^)]*)\))?$/.exec(one.trim()) ?? [];
          return { file, openTo: openTo === undefined ? null : openTo.split(',').map((role) => role.trim()) };
        });
  return {
    service,
    operationId,
    method,
    path,
    roles: roles === '—' ? [] : roles.split(',').map((role) => role.trim()),
    views,
  };
});

const key = (op: { service: string; operationId: string }) => `${op.service} ${op.operationId}`;

/** Per role: operations reachable in the console / operations the role may perform. */
function coverage(): Record<string, string> {
  return Object.fromEntries(
    realmRoles.map((role) => {
      const permitted = rows.filter((row) => row.roles.includes(role));
      const reachable = permitted.filter((row) =>
        row.views.some((view) => view.openTo?.includes(role) ?? true),
      );
      return [role, `${reachable.length}/${permitted.length}`];
    }),
  );
}

describe('the capability table', () => {
  let operations: Operation[] = [];
  beforeAll(async () => {
    for (const service of servicesWithApis()) operations.push(...(await operationsOf(service)));
    operations = operations.filter((op) => op.path !== '/healthz' && op.path !== '/readyz');
  }, 120_000);

  it('has a row for every operation of every service, with its method and path', () => {
    const byKey = new Map(rows.map((row) => [key(row), row]));
    const missing = operations
      .filter((op) => !byKey.has(key(op)))
      .map((op) => `${key(op)} (${op.method} ${op.path})`);
    expect(missing, 'operations without a row in README.md').toEqual([]);
    const moved = operations
      .filter((op) => {
        const row = byKey.get(key(op));
        return row && (row.method !== op.method || row.path !== op.path);
      })
      .map(key);
    expect(moved, 'rows whose method or path differs from the OpenAPI document').toEqual([]);
  });

  it('names no operation that no service has, and each one once', () => {
    const known = new Set(operations.map(key));
    expect(rows.filter((row) => !known.has(key(row))).map(key)).toEqual([]);
    expect(rows.length).toBe(new Set(rows.map(key)).size);
  });

  it('names only views and backend routes that exist in the console', () => {
    const absent = rows
      .flatMap((row) => row.views.map((view) => ({ row, view: view.file })))
      .filter(({ view }) => {
        const file = view.startsWith('views/') ? `${sourceDir}web/${view}` : `${sourceDir}${view}`;
        return !/^(views|routes)\/[a-z-]+\.tsx?$/.test(view) || !existsSync(file);
      })
      .map(({ row, view }) => `${key(row)} → ${view}`);
    expect(absent).toEqual([]);
  });

  it('names only the realm roles', () => {
    const unknown = rows.flatMap((row) =>
      [...row.roles, ...row.views.flatMap((view) => view.openTo ?? [])].filter(
        (role) => !realmRoles.includes(role),
      ),
    );
    expect(unknown).toEqual([]);
  });

  it('states each role coverage as the table has it', () => {
    const stated = Object.fromEntries(
      between('coverage').map((line) => {
        const [role = '', reachable = ''] = cells(line);
        return [role, reachable];
      }),
    );
    expect(stated).toEqual(coverage());
  });
});
