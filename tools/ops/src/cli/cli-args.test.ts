import { describe, expect, it } from 'vitest';
import { parseCommand } from './cli-args.ts';

describe('the operator command line', () => {
  it('mints tokens for roles and regions', () => {
    expect(
      parseCommand(['token', '--role', 'admin', '--region', 'KZ', '--region', '750000000']),
    ).toMatchObject({
      kind: 'token',
      roles: ['admin'],
      regions: ['KZ', '750000000'],
    });
    expect(() => parseCommand(['token'])).toThrow(/--role/);
  });

  it('names topics by family, with or without a prefix or the dlq suffix', () => {
    expect(parseCommand(['follow', 'cases'])).toEqual({
      kind: 'follow',
      family: 'cases',
      fromBeginning: false,
    });
    expect(parseCommand(['dlq', 'list', 'mediators.dlq'])).toEqual({ kind: 'dlq-list', family: 'mediators' });
    expect(() => parseCommand(['follow', 'nope'])).toThrow(/unknown topic/);
  });

  it('redrives chosen offsets only', () => {
    expect(parseCommand(['dlq', 'redrive', 'cases', '--offset', '3', '--offset', '7'])).toEqual({
      kind: 'dlq-redrive',
      family: 'cases',
      offsets: ['3', '7'],
      partition: undefined,
    });
    expect(() => parseCommand(['dlq', 'redrive', 'cases'])).toThrow(/--offset/);
    expect(() => parseCommand(['dlq', 'redrive', 'cases', '--offset', 'x'])).toThrow(/numbers/);
  });

  it('replays a case and shows help', () => {
    expect(parseCommand(['replay', 'abc'])).toEqual({ kind: 'replay', caseId: 'abc' });
    expect(parseCommand([])).toEqual({ kind: 'help' });
  });

  it('backs up to a default or a chosen file, and restores a named one', () => {
    expect(parseCommand(['backup'])).toEqual({ kind: 'backup', out: undefined, json: false });
    expect(parseCommand(['backup', '--out', 'x.dump', '--json'])).toEqual({
      kind: 'backup',
      out: 'x.dump',
      json: true,
    });
    expect(parseCommand(['restore', 'x.dump'])).toEqual({
      kind: 'restore',
      from: { file: 'x.dump' },
      json: false,
    });
    expect(() => parseCommand(['restore'])).toThrow(/backup file/);
    expect(parseCommand(['restore', '--settle-only', '--taken-at', '2026-12-07T06:00:00Z'])).toEqual({
      kind: 'restore',
      from: { takenAt: new Date('2026-12-07T06:00:00Z') },
      json: false,
    });
    expect(() => parseCommand(['restore', '--settle-only'])).toThrow(/--taken-at/);
  });
});
