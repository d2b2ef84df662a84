import { MongoNetworkError, MongoServerError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { isDependencyOutage } from './outage.ts';

// The store's answers as the driver builds them from FerretDB's replies (seen when the fault run
// restarts FerretDB under load: the commands in flight are answered, not dropped).
const ferretReply = (errmsg: string) =>
  new MongoServerError({ ok: 0, code: 1, codeName: 'InternalError', errmsg });

describe('isDependencyOutage', () => {
  it('takes a command the store cancelled while stopping for an outage', () => {
    const error = ferretReply(
      '[msg_find.go:348 handler.handleMaxTimeMSError] [query_iterator.go:80 postgresql.(*queryIterator).Next] context canceled after delay',
    );
    expect(isDependencyOutage(error)).toBe(true);
  });

  it("takes the store's lost database for an outage", () => {
    expect(
      isDependencyOutage(ferretReply('failed to connect to `host=127.0.0.1 user=postgres`: dial error')),
    ).toBe(true);
  });

  it('takes a closed connection for an outage, also as the cause of another error', () => {
    const closed = new MongoNetworkError('connection 4 to 127.0.0.1:27017 closed');
    expect(isDependencyOutage(new Error('the commit failed', { cause: closed }))).toBe(true);
  });

  it('does not take a refused command or another internal error for an outage', () => {
    expect(
      isDependencyOutage(new MongoServerError({ ok: 0, code: 11000, errmsg: 'E11000 duplicate key error' })),
    ).toBe(false);
    expect(isDependencyOutage(ferretReply('unexpected value in the schema'))).toBe(false);
    expect(isDependencyOutage(new TypeError('x is undefined'))).toBe(false);
  });
});
