// What mediator-training consumes: closed cases, counted as practice for renewal. Topics, group
// and dead-letter topic are the kit's (service-consumer.ts).
import { defineConsumer } from '@kelisim/service-kit/service-consumer';
import type { PracticeStore } from '../store/practice-store.ts';
import { caseClosedHandler } from './case-closed.ts';

export type ConsumerDeps = { practice: PracticeStore; clock: () => Date };

export const mediatorTrainingConsumer = defineConsumer<ConsumerDeps>({
  service: 'mediator-training',
  handlers: {
    'case.closed.v1': ({ practice, clock }) => caseClosedHandler(practice, clock),
  },
});
