// How the operator sees Kafka messages: one line per event (time, type, subject, region) and its
// data, indented; dead-lettered ones with the reason the consumer gave.
import { parseEnvelope } from '@kelisim/contracts/events/catalogue';

export type RawMessage = {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
};

export function headerText(message: RawMessage, name: string): string | undefined {
  const value = message.headers?.[name];
  const one = Array.isArray(value) ? value[0] : value;
  return one === undefined ? undefined : one.toString();
}

export function formatEvent(message: RawMessage): string {
  const where = `${message.topic}[${message.partition}]@${message.offset}`;
  let raw: unknown;
  try {
    raw = JSON.parse(message.value?.toString() ?? 'null');
  } catch {
    return `${where} (not JSON) ${message.value?.toString().slice(0, 200) ?? ''}`;
  }
  const parsed = parseEnvelope(raw);
  const envelope = (raw ?? {}) as Record<string, unknown>;
  const show = (value: unknown) => (value === undefined || value === null ? '-' : String(value));
  const head = `${show(envelope.time)}  ${show(envelope.type)}  subject=${show(envelope.subject)}  region=${show(envelope.region)}`;
  const verdict = parsed.ok ? '' : `  ✗ ${parsed.reason}: ${parsed.message}`;
  if (envelope.data === undefined) return `${where}  ${head}${verdict}`;
  const data = JSON.stringify(envelope.data, null, 2).replaceAll('\n', '\n    ');
  return `${where}  ${head}${verdict}\n    ${data}`;
}

export function formatDeadLetter(message: RawMessage): string {
  const reason = headerText(message, 'dlq-reason') ?? '?';
  const from = `${headerText(message, 'dlq-original-topic') ?? '?'}[${headerText(message, 'dlq-original-partition') ?? '?'}]@${headerText(message, 'dlq-original-offset') ?? '?'}`;
  const detail = headerText(message, 'dlq-detail') ?? '';
  return `offset ${message.offset} (partition ${message.partition})  ${reason}  from ${from}  ${headerText(message, 'dlq-failed-at') ?? ''}\n    ${detail}`;
}

/** The message to send back to its original topic: same key and value, without the dlq headers. */
export function redriveMessage(message: RawMessage): {
  topic: string;
  message: { key: Buffer | null; value: Buffer | null; headers: Record<string, Buffer | string> };
} {
  const topic = headerText(message, 'dlq-original-topic');
  if (!topic) throw new Error(`offset ${message.offset} has no dlq-original-topic header`);
  const headers: Record<string, Buffer | string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (name.startsWith('dlq-') || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value[0]! : value;
  }
  headers['redriven-from'] = `${message.topic}[${message.partition}]@${message.offset}`;
  return { topic, message: { key: message.key, value: message.value, headers } };
}
