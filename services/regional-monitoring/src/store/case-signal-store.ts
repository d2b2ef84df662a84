// What regional-monitoring keeps from `cases` events (it never reads case-intake's database):
// one signal per relevant event, keyed by event id so that a redelivery counts once, and a
// profile per case (region, district, category, urgency, status) for the statistics.

import { isDuplicateKeyError, nativeCollection } from '@kelisim/service-kit/mongo';
import type { Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import type { CaseSignal } from '../domain/case-signals.ts';
import { windowStart } from '../domain/case-signals.ts';

/** `month` (`YYYY-MM` of `at`) is the window's equality key: a window reads its months only. */
type SignalDocument = Omit<CaseSignal, 'eventId'> & { _id: string; month: string };

const monthOf = (at: Date) => at.toISOString().slice(0, 7);

/** The months from `start`'s to `end`'s, both included. */
function monthsBetween(start: Date, end: Date): string[] {
  const months: string[] = [];
  const cursor = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1));
  while (cursor.getTime() <= end.getTime()) {
    months.push(monthOf(cursor));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months;
}

export type CaseProfile = {
  _id: string;
  region: string;
  district: string;
  category?: string;
  urgency?: string;
  status?: string;
  /** The kind of partner a referral out sent the case to (issue 27). */
  referralPartnerKind?: string;
  /** Whether the mediator now on the case is certified or a volunteer (issue 27). */
  mediatorKind?: string;
  updatedAt: Date;
};

/** A session held at a partner's premises, by the session-held event's session id (issue 27). */
type SessionVenue = { _id: string; region: string; district: string; venueKind: string };

/**
 * A region's signals as of one version of its risk stream, plus those this process recorded
 * since. The consumer recomputes a region's risk for each of its events, so the last read is kept
 * and grown, and trusted only while the risk stream is still at the version it was kept for. A
 * commit by another instance moves the version, and the next read goes to the store again.
 */
type SignalWindow = { riskVersion: number; signals: Map<string, CaseSignal> };

export class CaseSignalStore {
  private readonly signals;
  private readonly profiles;
  private readonly sessionVenues;
  private readonly windows = new Map<string, SignalWindow>();

  constructor(connection: Connection) {
    this.signals = nativeCollection<SignalDocument>(connection, 'case_signals');
    this.profiles = nativeCollection<CaseProfile>(connection, 'case_profiles');
    this.sessionVenues = nativeCollection<SessionVenue>(connection, 'case_session_venues');
  }

  async ensureIndexes(): Promise<void> {
    // Region and month both equalities, so a window reads its own months, not the region's history.
    await this.signals.createIndex({ region: 1, month: 1, at: -1 });
    await this.profiles.createIndex({ region: 1, district: 1 });
    await this.sessionVenues.createIndex({ region: 1, district: 1 });
  }

  /** A session held at a partner's premises; a redelivered event writes the same document. */
  async recordSessionVenue(venue: SessionVenue): Promise<void> {
    const { _id, ...rest } = venue;
    await this.sessionVenues.updateOne({ _id }, { $set: rest }, { upsert: true });
  }

  /** Sessions held at partners' premises in a region (and district), by the venue's kind. */
  async countSessionsByVenueKind(region: string, district?: string): Promise<Record<string, number>> {
    const match: Record<string, unknown> = { region, ...(district ? { district } : {}) };
    const rows = await this.sessionVenues
      .aggregate<{ _id: string; count: number }>([
        { $match: match },
        { $group: { _id: '$venueKind', count: { $sum: 1 } } },
      ])
      .toArray();
    return Object.fromEntries(rows.map((row) => [row._id, row.count]));
  }

  /** Records a signal once; false when this event was already recorded. */
  async record(signal: CaseSignal): Promise<boolean> {
    const { eventId, ...rest } = signal;
    let inserted = true;
    try {
      await this.signals.insertOne({ _id: eventId, ...rest, month: monthOf(rest.at) });
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

  /** One query per month the window touches (an equality FerretDB answers; a range it does not). */
  async inWindow(region: string, now: Date, windowDays: number): Promise<CaseSignal[]> {
    const start = windowStart(now, windowDays);
    const found = await Promise.all(
      monthsBetween(start, now).map((month) =>
        this.signals.find({ region, month, at: { $gt: start } } as Filter<SignalDocument>).toArray(),
      ),
    );
    return found.flat().map(({ _id, month: _month, ...rest }) => ({ eventId: _id, ...rest }));
  }

  async updateProfile(caseId: string, update: Omit<CaseProfile, '_id'>): Promise<void> {
    const set = Object.fromEntries(Object.entries(update).filter(([, value]) => value !== undefined));
    await this.profiles.updateOne({ _id: caseId }, { $set: set }, { upsert: true });
  }

  /** Cases per value of `field` in a region (and district). */
  async countBy(
    field: 'category' | 'urgency' | 'status' | 'district' | 'referralPartnerKind' | 'mediatorKind',
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
