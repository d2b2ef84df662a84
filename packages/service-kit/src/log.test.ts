import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { childLogger, createLogger } from './log.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).trim().split('\n'));
      done();
    },
  });
  return { lines, logger: createLogger({ service: 'log-test', level: 'info', destination }) };
}

const marker = 'Aigerim-Marker-Nurlanovna';

describe('createLogger', () => {
  it('writes JSON lines carrying the service name', () => {
    const { lines, logger } = capture();
    logger.info({ caseId: 'c-1' }, 'case registered');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ service: 'log-test', caseId: 'c-1', level: 'info' });
  });

  it('redacts a party name, contacts and notes however deep they are logged', () => {
    const { lines, logger } = capture();
    logger.info({ name: marker }, 'top level');
    logger.info({ party: { fullName: marker, phone: marker } }, 'one level');
    logger.info({ body: { parties: [{ name: marker, contacts: { email: marker } }] } }, 'in an array');
    logger.info({ command: { payload: { session: { notes: marker, address: marker } } } }, 'four levels');
    logger.child({ party: { lastName: marker } }).info('bound to a child');
    logger
      .child({ a: 1 })
      .child({ party: { Phone: marker } })
      .info('bound to a grandchild');
    expect(lines).toHaveLength(6);
    for (const line of lines) expect(line).not.toContain(marker);
    expect(lines[2]).toContain('[redacted]');
  });

  it('redacts members of a logged error and keys nested deeper than anyone should log', () => {
    const { lines, logger } = capture();
    const duplicate = Object.assign(new Error('E11000 duplicate key'), { keyValue: { email: marker } });
    logger.error({ err: duplicate }, 'insert failed');
    logger.info({ a: { b: { c: { d: { e: { f: { party: { phone: marker } } } } } } } }, 'deep');
    for (const line of lines) expect(line).not.toContain(marker);
    expect(JSON.parse(lines[0] ?? '').err).toMatchObject({ type: 'Error', message: 'E11000 duplicate key' });
  });

  it('logs text only under operational keys: free text under any other key never reaches a line', () => {
    const { lines, logger } = capture();
    logger.info({ note: marker, agreement: marker, comment: marker, resolution: marker }, 'free text');
    logger.info({ payload: { text: marker, details: [marker] } }, 'nested free text');
    logger.child({ whatever: marker }).info('bound free text');
    for (const line of lines) expect(line).not.toContain(marker);
    logger.info({ caseId: 'c-1', eventType: 'case.registered.v1', redelivered: 3, ok: true }, 'operational');
    expect(JSON.parse(lines.at(-1) ?? '')).toMatchObject({
      caseId: 'c-1',
      eventType: 'case.registered.v1',
      redelivered: 3,
      ok: true,
    });
  });

  it('redacts credentials', () => {
    const { lines, logger } = capture();
    logger.info(
      { req: { headers: { authorization: `Bearer ${marker}`, cookie: marker } }, token: marker },
      'x',
    );
    expect(lines[0]).not.toContain(marker);
  });

  it('binds a correlation id to every line of a child logger', () => {
    const { lines, logger } = capture();
    childLogger(logger, 'corr-1', { eventId: 'e-1' }).warn('retrying');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      correlationId: 'corr-1',
      eventId: 'e-1',
      level: 'warn',
    });
  });
});
