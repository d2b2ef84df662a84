// Errors that mean a dependency (the database, the broker) is unreachable for now, not that the
// request or the code is wrong. They are answered 503 with Retry-After, so that clients and the
// offline queue retry instead of reporting a failure (RFC 9110 §15.6.4).
const outageErrorNames: ReadonlySet<string> = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MongoWaitQueueTimeoutError',
  'KafkaJSConnectionError',
  'KafkaJSBrokerNotFound',
  'KafkaJSRequestTimeoutError',
]);

/**
 * Thrown by a service's own client of a system it depends on (the identity provider's user
 * directory, say) when that system does not answer: the request is answered 503 like any outage.
 * `message` is for the operator's log; the caller gets the kit's outage problem.
 */
export class DependencyUnavailableError extends Error {}

/** Seconds a client should wait before retrying after an outage: about a restart's length. */
export const outageRetryAfterSeconds = 5;

// FerretDB does not always close the connection when it cannot finish a command: stopping (a
// restart) cancels the commands in flight, and losing its PostgreSQL fails them, and each is
// answered as an error reply, code 1 (InternalError), with the cause only in the message.
const storeInterruption = /context canceled|failed to connect|closed pool|conn closed|connection refused/;

function isStoreInterruption(error: Error): boolean {
  return (
    error.name === 'MongoServerError' &&
    (error as Error & { code?: unknown }).code === 1 &&
    storeInterruption.test(error.message)
  );
}

/** Whether the error, or one of its causes, says a dependency is out of reach. */
export function isDependencyOutage(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; depth++) {
    if (cause instanceof DependencyUnavailableError) return true;
    if (outageErrorNames.has(cause.name) || outageErrorNames.has(cause.constructor.name)) return true;
    if (isStoreInterruption(cause)) return true;
    cause = cause.cause;
  }
  return false;
}
