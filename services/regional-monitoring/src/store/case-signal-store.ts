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

export class CaseSignalStore {
  private readonly signals;
  private readonly profiles;

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
    try {
      await this.signals.insertOne({ _id: eventId, ...rest });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
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
