// The baselines: a bare fastify instance (no logger, auth, schemas or hooks) whose routes do the
// same database I/O as case-intake's with the native driver and nothing else: one insertOne of
// an equivalent case document, the same findOne by id, the same filtered, sorted page query.
import { randomUUID } from 'node:crypto';
import { type FastifyInstance, fastify } from 'fastify';
import type { Collection, Document } from 'mongodb';

export type BareAppDeps = {
  /** Where the bare registrations go: a collection of their own, with only the `_id` index. */
  inserts: Collection<Document>;
  /** case-intake's read model, read exactly as its store does. */
  cases: Collection<Document>;
};

type Party = Record<string, unknown>;
type RegisterBody = { region: string; district: string; category: string; urgency: string } & {
  riskFlags?: string[];
  description?: string;
  parties: Party[];
};

/** The read-model document case-intake would store, less the encryption, number and events. */
function caseDocument(body: RegisterBody, registeredBy: string): Document {
  const now = new Date().toISOString();
  return {
    _id: randomUUID(),
    version: 1,
    caseNumber: null,
    status: 'registered',
    region: body.region,
    district: body.district,
    locality: null,
    category: body.category,
    urgency: body.urgency,
    riskFlags: body.riskFlags ?? [],
    description: body.description ?? null,
    parties: body.parties.map((party) => ({ ...party, partyId: randomUUID(), consent: null })),
    partyNameHashes: [],
    sessions: [],
    mediatorId: null,
    mediatorUserId: null,
    escalationLevel: 0,
    duplicateSuspicions: [],
    registeredAt: now,
    registeredBy,
    updatedAt: now,
  };
}

export function buildBareApp(deps: BareAppDeps): FastifyInstance {
  const app = fastify({ logger: false });

  app.post('/bare/cases', async (request, reply) => {
    const document = caseDocument(request.body as RegisterBody, 'bench-mediator');
    await deps.inserts.insertOne(document);
    return reply.status(201).send({ caseId: document._id });
  });

  app.get('/bare/cases/:caseId', async (request, reply) => {
    const { caseId } = request.params as { caseId: string };
    const found = await deps.cases.findOne({ _id: caseId as never });
    if (!found) return reply.status(404).send({ status: 404 });
    return found;
  });

  // The filter case-intake's store builds for a mediator listing by region and status.
  app.get('/bare/cases', async (request) => {
    const { region, status, sub } = request.query as Record<string, string>;
    const items = await deps.cases
      .find({
        $and: [{ $or: [{ registeredBy: sub }, { mediatorUserId: sub }] }, { region }, { status }],
      })
      .sort({ registeredAt: -1, _id: -1 })
      .limit(21)
      .toArray();
    return { items: items.slice(0, 20) };
  });

  return app;
}
