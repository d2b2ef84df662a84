// What regional-monitoring keeps from `cases` events (it never reads case-intake's database):
// one signal per relevant event, keyed by event id so that a redelivery counts once, and a
// profile per case (region, district, category, urgency, status) for the statistics.

import { isDuplicateKeyError, nativeCollection } from '@kelisim/service-kit/mongo';
import type { Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import type { CaseSignal } from '../domain/case-signals.ts';
import { windowStart } from '../domain/case-signals.ts';

type SignalDocument = Omit<CaseSignal, 'eventId'> & { _id: string };

export type CaseProfile = {
  _id: string;
  region: string;
  district: string;
  category?: string;
  urgency?: string;
  status?: string;
  updatedAt: Date;
};

/**
 * A region's signals as of one version of its risk stream, plus those this process recorded
 * since. Scanning `case_signals` costs FerretDB a pass over every region's signals (it uses no
 * index for a range), and the consumer recomputes a region's risk for each of its events: so the
 * last scan is kept and grown, and trusted only while the risk stream is still at the version it
 * was kept for. A commit by another instance moves the version, and the next read scans again.
 */
type SignalWindow = { riskVersion: number; signals: Map<string, CaseSignal> };

export class CaseSignalStore {
  private readonly signals;
  private readonly profiles;
  private readonly windows = new Map<string, SignalWindow>();

  constructor(connection: Connection) {
    this.signals = nativeCollection<SignalDocument>(connection, 'case_signals');
    this.profiles = nativeCollection<CaseProfile>(connection, 'case_profiles');
  }

  async ensureIndexes(): Promise<void> {
    await this.signals.createIndex({ region: 1, at: -1 });
    await this.profiles.createIndex({ region: 1, district: 1 });
  }

  /** Records a signal once; false when this event was already recorded. */
  async record(signal: CaseSignal): Promise<boolean> {
    const { eventId, ...rest } = signal;
    let inserted = true;
    try {
      await this.signals.insertOne({ _id: eventId, ...rest });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      inserted = false;
    }
    // Stored either way: a window that knows it stays whole. A region without a window gets one
    // that matches no version, so that a scan already under way cannot drop this signal.
    const window = this.windows.get(signal.region) ?? { riskVersion: -1, signals: new Map() };
    window.signals.set(eventId, signal);
    this.windows.set(signal.region, window);
    return inserted;
  }

  /** The region's signals in the window, from memory while its risk is at `riskVersion`. */
  async windowAt(region: string, riskVersion: number, now: Date, windowDays: number): Promise<CaseSignal[]> {
    const kept = this.windows.get(region);
    const start = windowStart(now, windowDays).getTime();
    if (kept && kept.riskVersion === riskVersion) {
      return [...kept.signals.values()].filter((signal) => signal.at.getTime() > start);
    }
    return this.inWindow(region, now, windowDays);
  }

  /** After a risk commit at `riskVersion` decided on `signals`: keep them for the next event. */
  keepWindow(
    region: string,
    riskVersion: number,
    signals: readonly CaseSignal[],
    now: Date,
    windowDays: number,
  ) {
    const start = windowStart(now, windowDays).getTime();
    const merged = new Map(this.windows.get(region)?.signals);
    for (const signal of signals) merged.set(signal.eventId, signal);
    for (const [id, signal] of merged) if (signal.at.getTime() <= start) merged.delete(id);
    this.windows.set(region, { riskVersion, signals: merged });
  }

  async inWindow(region: string, now: Date, windowDays: number): Promise<CaseSignal[]> {
    const docs = await this.signals
      .find({ region, at: { $gt: windowStart(now, windowDays) } } as Filter<SignalDocument>)
      .toArray();
    return docs.map(({ _id, ...rest }) => ({ eventId: _id, ...rest }));
  }

  async updateProfile(caseId: string, update: Omit<CaseProfile, '_id'>): Promise<void> {
    const set = Object.fromEntries(Object.entries(update).filter(([, value]) => value !== undefined));
    await this.profiles.updateOne({ _id: caseId }, { $set: set }, { upsert: true });
  }

  /** Cases per value of `field` in a region (and district). */
  async countBy(
    field: 'category' | 'urgency' | 'status' | 'district',
    region: string,
    district?: string,
  ): Promise<Record<string, number>> {
    const match: Record<string, unknown> = { region, ...(district ? { district } : {}) };
    const rows = await this.profiles
      .aggregate<{ _id: string | null; count: number }>([
        { $match: match },
        { $group: { _id: `$${field}`, count: { $sum: 1 } } },
      ])
      .toArray();
    return Object.fromEntries(rows.filter((row) => row._id !== null).map((row) => [row._id, row.count]));
  }
}
