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

/** The postmaster, its children, and FerretDB, summed; null when neither runs here. */
export async function storeMemory(pids: StorePids): Promise<StoreMemory | null> {
  if (pids.postmaster === null && pids.ferretdb === null) return null;
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
  let rssKb = 0;
  let pssKb = 0;
  let processes = 0;
  for (const pid of members) {
    const status = await readOr(`/proc/${pid}/status`);
    if (!status) continue;
    processes += 1;
    rssKb += kilobytes(status, 'VmRSS');
    pssKb += kilobytes(await readOr(`/proc/${pid}/smaps_rollup`), 'Pss');
  }
  return { rssMb: rssKb / 1024, pssMb: pssKb / 1024, processes };
}

export type MemoryPeak = { rssMb: number; pssMb: number; samples: number; processesAtPeak: number };

/** Samples every `everyMs` until `stop`, which answers the highest RSS and PSS seen. */
export function sampleStoreMemory(
  pids: StorePids,
  everyMs = 500,
): { stop: () => Promise<MemoryPeak | null> } {
  const peak: MemoryPeak = { rssMb: 0, pssMb: 0, samples: 0, processesAtPeak: 0 };
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(async () => {
      const now = await storeMemory(pids).catch(() => null);
      if (!now) return;
      peak.samples += 1;
      if (now.rssMb > peak.rssMb) {
        peak.rssMb = now.rssMb;
        peak.processesAtPeak = now.processes;
      }
      peak.pssMb = Math.max(peak.pssMb, now.pssMb);
    });
  }, everyMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
      return peak.samples === 0 ? null : peak;
    },
  };
}
