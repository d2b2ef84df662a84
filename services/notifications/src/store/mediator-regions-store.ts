// A read model of the regions each mediator covers, from `mediators` events, so that an expiring
// certification (which names only the mediator) reaches every region's group.
import { nativeCollection } from '@kelisim/service-kit/mongo';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';

type MediatorRegions = { _id: string; regions: string[]; sourceTime: Date };

export class MediatorRegionsStore {
  readonly collection: Collection<MediatorRegions>;

  constructor(connection: Connection) {
    this.collection = nativeCollection<MediatorRegions>(connection, 'mediator_regions');
  }

  /** Keeps the newest profile: an older event arriving late changes nothing. */
  async put(mediatorId: string, regions: readonly string[], sourceTime: Date): Promise<void> {
    const current = await this.collection.findOne({ _id: mediatorId });
    if (current && current.sourceTime.getTime() > sourceTime.getTime()) return;
    await this.collection.updateOne(
      { _id: mediatorId },
      { $set: { regions: [...regions], sourceTime } },
      { upsert: true },
    );
  }

  async regionsOf(mediatorId: string): Promise<string[] | null> {
    return (await this.collection.findOne({ _id: mediatorId }))?.regions ?? null;
  }
}
