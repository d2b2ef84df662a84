// When a failed webhook or e-mail is tried again: exponential backoff with a cap, and a last attempt.

export type BackoffPolicy = { baseMs: number; maxMs: number; maxAttempts: number };

/** After `attempts` failed attempts: the time of the next one, or null when it was the last. */
export function nextAttemptAt(attempts: number, now: Date, policy: BackoffPolicy): Date | null {
  if (attempts >= policy.maxAttempts) return null;
  const delay = Math.min(policy.baseMs * 2 ** (attempts - 1), policy.maxMs);
  return new Date(now.getTime() + delay);
}
