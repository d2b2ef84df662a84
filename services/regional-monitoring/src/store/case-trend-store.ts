// What the monthly trends read of each case (domain/trends.ts), kept from `cases` events: when and
// where it was registered, its category and urgency, its outcome and when, and its escalations by
// event id (a redelivered escalation counts once). One document per case, upserted by natural key.
import { nativeCollection } from '@kelisim/service-kit/mongo';
import type { Connection } from 'mongoose';
import type { CaseFacts } from '../domain/trends.ts';

type CaseFactsDocument = Omit<CaseFacts, 'caseId' | 'escalations'> & {
  _id: string;
  escalations: { eventId: string; at: Date }[];
};

type Place = { caseId: string; region: string; district: string; at: Date };
export type TrendFact =
  | (Place & { kind: 'registered' | 'screened'; category: string; urgency: string })
  | (Place & { kind: 'escalated'; eventId: string; category: string; urgency: string })
  | (Place & { kind: 'outcome'; outcome: string });

export class CaseTrendStore {
  private readonly facts;

  constructor(connection: Connection) {
    this.facts = nativeCollection<CaseFactsDocument>(connection, 'case_trend_facts');
  }

  async ensureIndexes(): Promise<void> {
    await this.facts.createIndex({ region: 1 });
  }

  /**
   * Keeps what the trends need of a case event: a registration, screening or escalation (each
   * carrying the case's category and urgency) or an outcome; other events change nothing.
   */
  async record(fact: TrendFact): Promise<void> {
    const where = { _id: fact.caseId };
    const place = { region: fact.region, district: fact.district };
    switch (fact.kind) {
      case 'registered':
        await this.facts.updateOne(
          where,
          {
            $set: { ...place, category: fact.category, urgency: fact.urgency, registeredAt: fact.at },
            $setOnInsert: { outcome: null, escalations: [] },
          },
          { upsert: true },
        );
        return;
      case 'screened':
        await this.facts.updateOne(where, {
          $set: { ...place, category: fact.category, urgency: fact.urgency },
        });
        return;
      case 'escalated':
        await this.facts.updateOne(
          where,
          {
            $set: place,
            $addToSet: { escalations: { eventId: fact.eventId, at: fact.at } },
            $setOnInsert: {
              category: fact.category,
              urgency: fact.urgency,
              registeredAt: null,
              outcome: null,
            },
          },
          { upsert: true },
        );
        return;
      case 'outcome':
        await this.facts.updateOne(where, {
          $set: { ...place, outcome: { kind: fact.outcome, at: fact.at } },
        });
        return;
    }
  }

  /** The region's cases as the trends read them. */
  async ofRegion(region: string): Promise<CaseFacts[]> {
    const docs = await this.facts.find({ region }).toArray();
    // Fields only an upsert's `$setOnInsert` writes are read as absent where it did not apply.
    return docs.map((doc) => ({
      caseId: doc._id,
      region: doc.region,
      district: doc.district,
      category: doc.category,
      urgency: doc.urgency,
      registeredAt: doc.registeredAt ?? null,
      outcome: doc.outcome ?? null,
      escalations: (doc.escalations ?? []).map((e) => e.at),
    }));
  }
}
