// The mediator eligibility read model, fed by `mediators` events (events/), read by assignment.
// Profile and certification events have different subjects (so partitions) and may arrive in any
// order: each writes only its own fields, with an upsert, so whichever comes first creates the
// document. Certifications are kept as a map by id because positional updates ($[], arrayFilters)
// are outside the portable MongoDB subset.
import { wholeRepublic } from '@kelisim/contracts/reference/kato';
import { nativeCollection } from '@kelisim/service-kit/mongo';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import type { CertificationState, MediatorEligibility } from '../domain/mediator-eligibility.ts';

type StoredCertification = {
  certificationId: string;
  validFrom?: string;
  validUntil?: string;
  state: CertificationState;
};

type MediatorDocument = {
  _id: string;
  userId: string | null;
  homeRegion: string | null;
  regions: string[];
  languages: string[];
  status: 'active' | 'inactive' | null;
  kind?: 'certified' | 'volunteer';
  certifications: Record<string, StoredCertification>;
};

export type MediatorProfile = {
  mediatorId: string;
  userId: string;
  homeRegion: string;
  regions: string[];
  languages: string[];
  status: 'active' | 'inactive';
  kind?: 'certified' | 'volunteer' | undefined;
  partnerId?: string | null | undefined;
};

export type CertificationChange = {
  mediatorId: string;
  certificationId: string;
  state: CertificationState;
  validFrom?: string;
  validUntil?: string;
};

export class MediatorReadModel {
  private readonly mediators: Collection<MediatorDocument>;

  constructor(connection: Connection) {
    this.mediators = nativeCollection<MediatorDocument>(connection, 'mediator_eligibility');
  }

  async ensureIndexes(): Promise<void> {
    await this.mediators.createIndex({ userId: 1 });
    await this.mediators.createIndex({ regions: 1 });
  }

  async saveProfile({ mediatorId, ...profile }: MediatorProfile): Promise<void> {
    await this.mediators.updateOne(
      { _id: mediatorId },
      { $set: profile, $setOnInsert: { certifications: {} } },
      { upsert: true },
    );
  }

  async changeCertification({ mediatorId, certificationId, ...change }: CertificationChange): Promise<void> {
    const path = `certifications.${certificationId}`;
    const set: Record<string, string> = {
      [`${path}.certificationId`]: certificationId,
      [`${path}.state`]: change.state,
    };
    if (change.validFrom) set[`${path}.validFrom`] = change.validFrom;
    if (change.validUntil) set[`${path}.validUntil`] = change.validUntil;
    await this.mediators.updateOne(
      { _id: mediatorId },
      {
        $set: set,
        $setOnInsert: { userId: null, homeRegion: null, regions: [], languages: [], status: null },
      } as never,
      { upsert: true },
    );
  }

  async find(mediatorId: string): Promise<MediatorEligibility | null> {
    const doc = await this.mediators.findOne({ _id: mediatorId });
    return doc ? eligibilityOf(doc) : null;
  }

  /**
   * The mediators whose territory covers `region`: those naming the region and the republic-wide
   * ones, one indexed equality each (a `$in` or `$or` would be a scan on FerretDB).
   */
  async covering(region: string): Promise<MediatorEligibility[]> {
    const found = new Map<string, MediatorEligibility>();
    for (const territory of [region, wholeRepublic]) {
      for (const doc of await this.mediators.find({ regions: territory }).limit(maxCovering).toArray()) {
        found.set(doc._id, eligibilityOf(doc));
      }
    }
    return [...found.values()];
  }
}

/** Mediators of one region offered at once; a region's registry is far smaller. */
const maxCovering = 500;

function eligibilityOf(doc: MediatorDocument): MediatorEligibility {
  // Defaults as well as $setOnInsert: FerretDB 1.24 was seen to skip $setOnInsert on an upsert
  // that also $sets dotted paths, leaving a certification-only document without these fields.
  return {
    mediatorId: doc._id,
    userId: doc.userId ?? null,
    regions: doc.regions ?? [],
    languages: doc.languages ?? [],
    status: doc.status ?? null,
    kind: doc.kind ?? 'certified',
    // A certification seen only through a later event (its issue missed) has open dates.
    certifications: Object.values(doc.certifications ?? {}).map((cert) => ({
      certificationId: cert.certificationId,
      validFrom: cert.validFrom ?? '0000-01-01',
      validUntil: cert.validUntil ?? '9999-12-31',
      state: cert.state,
    })),
  };
}
