// After a restore, each consuming service's database is back at the backup, but its consumer
// group's offsets on Kafka are not: what it processed after the backup would be skipped, its
// effects lost. Each group is moved back to the first message at the backup's time (less a
// margin); the consumers skip the event ids their restored databases record as processed and
// apply the rest again (DESIGN.md §4: consumers are idempotent by event id).
import type { Admin, Kafka } from 'kafkajs';

export type Rewound = { group: string; topic: string; partitions: number; messages: number };

/** Consumer groups of the operator's own tools, which are never rewound nor waited for. */
const isOperatorGroup = (groupId: string) => groupId.startsWith('kelisim-ops-');

/** Groups with committed offsets on the topics; `active` are those with members (running). */
export async function groupsOn(admin: Admin, topics: string[]): Promise<{ all: string[]; active: string[] }> {
  // kafkajs reads an empty topic list as every topic.
  if (topics.length === 0) return { all: [], active: [] };
  const listed = (await admin.listGroups()).groups
    .filter((g) => g.protocolType === 'consumer' && !isOperatorGroup(g.groupId))
    .map((g) => g.groupId);
  const all: string[] = [];
  for (const groupId of listed) {
    const offsets = await admin.fetchOffsets({ groupId, topics });
    if (offsets.some((t) => t.partitions.some((p) => Number(p.offset) >= 0))) all.push(groupId);
  }
  if (all.length === 0) return { all, active: [] };
  const { groups } = await admin.describeGroups(all);
  const active = groups.filter((g) => g.members.length > 0).map((g) => g.groupId);
  return { all, active };
}

type Move = { topic: string; partition: number; offset: string };

/**
 * Commits the group's offsets as its only member, as kafkajs's `admin.setOffsets` does, but in one
 * join of the group for all its topics (`setOffsets` joins once per topic, seconds each).
 */
async function setGroupOffsets(kafka: Kafka, groupId: string, moves: Move[]): Promise<void> {
  const topics = [...new Set(moves.map((m) => m.topic))];
  const consumer = kafka.consumer({ groupId });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      // kafkajs commits each seek before the first fetch; by then every offset is set.
      consumer.on(consumer.events.FETCH, () => resolve());
      consumer.run({ eachBatchAutoResolve: false, eachBatch: async () => {} }).catch(reject);
      consumer.pause(topics.map((topic) => ({ topic })));
      for (const { topic, partition, offset } of moves) consumer.seek({ topic, partition, offset });
    });
  } finally {
    await consumer.disconnect();
  }
}

export async function rewindConsumerGroups(
  admin: Admin,
  kafka: Kafka,
  topics: string[],
  to: Date,
): Promise<Rewound[]> {
  const at = new Map<string, Map<number, bigint>>();
  for (const topic of topics) {
    const offsets = await admin.fetchTopicOffsetsByTimestamp(topic, to.getTime());
    at.set(topic, new Map(offsets.map((p) => [p.partition, BigInt(p.offset)])));
  }
  const rewound: Rewound[] = [];
  for (const groupId of (await groupsOn(admin, topics)).all) {
    const moves: Move[] = [];
    for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics })) {
      let count = 0;
      let messages = 0n;
      for (const { partition, offset } of partitions) {
        const target = at.get(topic)?.get(partition);
        const committed = BigInt(offset);
        if (target === undefined || committed <= target) continue;
        moves.push({ topic, partition, offset: String(target) });
        count += 1;
        messages += committed - target;
      }
      if (count > 0) rewound.push({ group: groupId, topic, partitions: count, messages: Number(messages) });
    }
    if (moves.length > 0) await setGroupOffsets(kafka, groupId, moves);
  }
  return rewound;
}
