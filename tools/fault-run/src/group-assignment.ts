// Who holds which partition: the members of each service's consumer group and what each was
// assigned (read from the broker, as `kafka-consumer-groups --describe --members` shows it), and
// for a three-node cluster the leader and in-sync replicas of each partition of a topic.
import { type Admin, AssignerProtocol } from 'kafkajs';

/** member (the end of its id) → "topic-family:partition,…" */
export type GroupAssignment = { state: string; members: Record<string, string[]> };

export async function groupAssignment(
  admin: Admin,
  groupId: string,
  prefix: string,
): Promise<GroupAssignment> {
  const { groups } = await admin.describeGroups([groupId]);
  const group = groups[0];
  const members: Record<string, string[]> = {};
  for (const member of group?.members ?? []) {
    const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
    const held = Object.entries(decoded?.assignment ?? {}).flatMap(([topic, partitions]) =>
      [...partitions].sort((a, b) => a - b).map((p) => `${topic.slice(prefix.length)}:${p}`),
    );
    members[member.memberId.slice(-6)] = held.sort();
  }
  return { state: group?.state ?? 'unknown', members };
}

/** Waits until the group has `count` members in a stable state; returns its assignment. */
export async function waitForMembers(
  admin: Admin,
  groupId: string,
  prefix: string,
  count: number,
  withinMs: number,
): Promise<GroupAssignment & { afterMs: number }> {
  const started = Date.now();
  let last: GroupAssignment = { state: 'unknown', members: {} };
  while (Date.now() - started < withinMs) {
    last = await groupAssignment(admin, groupId, prefix).catch(() => last);
    if (last.state === 'Stable' && Object.keys(last.members).length === count)
      return { ...last, afterMs: Date.now() - started };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { ...last, afterMs: Date.now() - started };
}

/** partition → "leader n, isr [..]" for one topic. */
export async function partitionLeaders(admin: Admin, topic: string): Promise<Record<number, string>> {
  const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
  const partitions = metadata.topics[0]?.partitions ?? [];
  return Object.fromEntries(
    [...partitions]
      .sort((a, b) => a.partitionId - b.partitionId)
      .map((p) => [p.partitionId, `leader ${p.leader}, isr [${[...p.isr].sort().join(',')}]`]),
  );
}

/** The partition of a topic that holds the most messages, and its leader's node id. */
export async function busiestPartition(
  admin: Admin,
  topic: string,
): Promise<{ partition: number; leader: number }> {
  const offsets = await admin.fetchTopicOffsets(topic);
  const busiest = [...offsets].sort((a, b) =>
    Number(BigInt(b.high) - BigInt(b.low) - (BigInt(a.high) - BigInt(a.low))),
  )[0];
  const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
  const partition = metadata.topics[0]?.partitions.find((p) => p.partitionId === busiest?.partition);
  if (!busiest || !partition) throw new Error(`no partitions for ${topic}`);
  return { partition: busiest.partition, leader: partition.leader };
}
