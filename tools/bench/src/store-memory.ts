// The store's memory during a run: every PostgreSQL process of the cluster (the postmaster, whose
// pid heads `<cluster>/data/postmaster.pid`, and its children) plus FerretDB (its pid file), read
// from /proc. RSS counts the shared buffers once in every backend that touched them, so the sum
// overstates; PSS (`smaps_rollup`) splits shared pages between the processes that map them and
// adds up to what the cluster really holds. Both are reported.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export type StoreMemory = { rssMb: number; pssMb: number; processes: number };

export type StorePids = { postmaster: number | null; ferretdb: number | null };

/** `VmRSS:   1234 kB` (status) or `Pss:  1234 kB` (smaps_rollup) → kB; 0 when absent. */
export function kilobytes(text: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

/** The parent pid from `/proc/<pid>/stat` (the field after the parenthesised command name). */
export function parentPid(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[1]);
}

async function firstLineNumber(file: string): Promise<number | null> {
  try {
    const pid = Number((await readFile(file, 'utf8')).split('\n')[0]?.trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** The pids from infra/local's state folder (`KELISIM_INFRA_DIR`, default `<repo>/.infra`). */
export async function storePids(infraDir: string): Promise<StorePids> {
  return {
    postmaster: await firstLineNumber(join(infraDir, 'postgresql', 'data', 'postmaster.pid')),
    ferretdb: await firstLineNumber(join(infraDir, 'ferretdb', 'ferretdb.pid')),
  };
}

async function readOr(file: string): Promise<string> {
  return readFile(file, 'utf8').catch(() => '');
}

/** The postmaster, its children (a scan of /proc), and FerretDB. */
export async function storeProcesses(pids: StorePids): Promise<number[]> {
  const members = new Set<number>();
  if (pids.ferretdb !== null) members.add(pids.ferretdb);
  if (pids.postmaster !== null) {
    members.add(pids.postmaster);
    for (const entry of await readdir('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = await readOr(`/proc/${entry}/stat`);
      if (stat && parentPid(stat) === pids.postmaster) members.add(Number(entry));
    }
  }
  return [...members];
}

/**
 * The processes' memory, summed: RSS always; PSS only when asked, since the kernel walks every
 * page table of a process to answer `smaps_rollup` (hundreds of ms for a cluster on a busy machine).
 */
export async function storeMemory(processes: readonly number[], withPss: boolean): Promise<StoreMemory> {
  let rssKb = 0;
  let pssKb = 0;
  let alive = 0;
  for (const pid of processes) {
    const status = await readOr(`/proc/${pid}/status`);
    if (!status) continue;
    alive += 1;
    rssKb += kilobytes(status, 'VmRSS');
    if (withPss) pssKb += kilobytes(await readOr(`/proc/${pid}/smaps_rollup`), 'Pss');
  }
  return { rssMb: rssKb / 1024, pssMb: pssKb / 1024, processes: alive };
}

export type MemoryPeak = { rssMb: number; pssMb: number; samples: number; processesAtPeak: number };

/**
 * Samples the RSS every `everyMs` until `stop`, which answers the highest RSS and PSS seen. The
 * processes are listed again every 20th sample (backends come and go) and PSS is read then too. A
 * tick that comes while a sample is still being read is skipped, so a slow /proc never queues up.
 */
export function sampleStoreMemory(
  pids: StorePids,
  everyMs = 500,
): { stop: () => Promise<MemoryPeak | null> } {
  const peak: MemoryPeak = { rssMb: 0, pssMb: 0, samples: 0, processesAtPeak: 0 };
  if (pids.postmaster === null && pids.ferretdb === null) return { stop: async () => null };
  let reading: Promise<void> | null = null;
  let processes: number[] = [];
  let tick = 0;
  const sample = async () => {
    const full = tick++ % 20 === 0;
    if (full) processes = await storeProcesses(pids);
    const now = await storeMemory(processes, full);
    peak.samples += 1;
    if (now.rssMb > peak.rssMb) {
      peak.rssMb = now.rssMb;
      peak.processesAtPeak = now.processes;
    }
    peak.pssMb = Math.max(peak.pssMb, now.pssMb);
  };
  const timer = setInterval(() => {
    if (reading) return;
    reading = sample()
      .catch(() => {})
      .finally(() => {
        reading = null;
      });
  }, everyMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await reading;
      return peak.samples === 0 ? null : peak;
    },
  };
}
