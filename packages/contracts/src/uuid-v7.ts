import { randomFillSync } from 'node:crypto';
import { z } from 'zod';

// UUID version 7 (RFC 9562 §5.7): 48-bit Unix time in ms, version 7, 12 bits `rand_a`, the variant
// bits 10, 62 bits `rand_b`. Ids sort by creation time, which keeps Mongo indexes and logs in order.
// Within one millisecond `rand_a` is a counter (RFC 9562 §6.2 method 1), so ids from one generator
// are strictly increasing; when the counter runs out or the clock steps back, the generator borrows
// the next millisecond rather than go backwards.

export const uuidV7Schema = z.uuid({ version: 'v7' });

const maxTimestamp = 2 ** 48 - 1;
const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function formatUuidV7(ms: number, counter: number, random: Uint8Array): string {
  if (!Number.isInteger(ms) || ms < 0 || ms > maxTimestamp) throw new RangeError(`bad UUIDv7 time ${ms}`);
  const b = new Uint8Array(16);
  // 48-bit big-endian timestamp; split because bitwise operators are 32-bit.
  const high = Math.floor(ms / 2 ** 32);
  const low = ms >>> 0;
  b[0] = (high >>> 8) & 0xff;
  b[1] = high & 0xff;
  b[2] = (low >>> 24) & 0xff;
  b[3] = (low >>> 16) & 0xff;
  b[4] = (low >>> 8) & 0xff;
  b[5] = low & 0xff;
  b[6] = 0x70 | ((counter >>> 8) & 0x0f);
  b[7] = counter & 0xff;
  b[8] = 0x80 | ((random[0] ?? 0) & 0x3f);
  for (let i = 9; i < 16; i++) b[i] = random[i - 8] ?? 0;
  let out = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
    out += hex[b[i] ?? 0];
  }
  return out;
}

/** A monotonic UUIDv7 generator reading the given clock (milliseconds since the epoch). */
export function uuidV7Generator(clock: () => number = Date.now): () => string {
  let lastMs = -1;
  let counter = 0;
  const random = new Uint8Array(10);
  return () => {
    randomFillSync(random);
    const now = Math.floor(clock());
    if (now > lastMs) {
      lastMs = now;
      // Start low in the 12-bit space so that a burst has room to count up.
      counter = (((random[8] ?? 0) << 8) | (random[9] ?? 0)) & 0x7ff;
    } else if (counter < 0xfff) {
      counter += 1;
    } else {
      lastMs += 1;
      counter = 0;
    }
    return formatUuidV7(lastMs, counter, random);
  };
}

/** The creation time (ms since the epoch) encoded in a UUIDv7. */
export function uuidV7Time(id: string): number {
  const digits = id.replaceAll('-', '');
  return Number.parseInt(digits.slice(0, 12), 16);
}
