// After a restore, each consuming service's database is back at the backup, but its consumer
// group's offsets on Kafka are not: what it processed after the backup would be skipped, its
// effects lost. Each group is moved back to the first message at the backup's time (less a
// margin); the consumers skip the event ids their restored databases record as processed and
// apply the rest again (DESIGN.md §4: consumers are idempotent by event id).
import type { Admin } from 'kafkajs';

export type Rewound = { group: string; topic: string; partitions: number; messages: number };

/** Consumer groups of the operator's own tools, which are never rewound nor waited for. */
const isOperatorGroup = (groupId: string) => groupId.startsWith('kelisim-ops-');

/** Groups with committed offsets on the topics; `active` are those with members (running). */
export async function groupsOn(admin: Admin, topics: string[]): Promise<{ all: string[]; active: string[] }> {
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

export async function rewindConsumerGroups(admin: Admin, topics: string[], to: Date): Promise<Rewound[]> {
  const at = new Map<string, Map<number, bigint>>();
  for (const topic of topics) {
    const offsets = await admin.fetchTopicOffsetsByTimestamp(topic, to.getTime());
    at.set(topic, new Map(offsets.map((p) => [p.partition, BigInt(p.offset)])));
  }
  const rewound: Rewound[] = [];
  for (const groupId of (await groupsOn(admin, topics)).all) {
    for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics })) {
      const moves = partitions.flatMap(({ partition, offset }) => {
        const target = at.get(topic)?.get(partition);
        const committed = BigInt(offset);
        return target !== undefined && committed > target ? [{ partition, offset: target, committed }] : [];
      });
      if (moves.length === 0) continue;
      await admin.setOffsets({
        groupId,
        topic,
        partitions: moves.map((m) => ({ partition: m.partition, offset: String(m.offset) })),
      });
      rewound.push({
        group: groupId,
        topic,
        partitions: moves.length,
        messages: Number(moves.reduce((sum, m) => sum + (m.committed - m.offset), 0n)),
      });
    }
  }
  return rewound;
}
