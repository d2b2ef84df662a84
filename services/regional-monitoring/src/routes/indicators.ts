// The indicator catalogue over HTTP: anyone signed in reads it; an administrator adds and edits
// indicators (If-Match for edits, so two administrators do not overwrite each other).
import { codeSchema } from '@kelisim/contracts/fields';
import { indicatorDirectionSchema } from '@kelisim/contracts/reference/monitoring-vocabulary';
import { NotFoundError } from '@kelisim/service-kit/errors';
import { etagOf, expectedVersionFrom } from '@kelisim/service-kit/etag';
import type { HttpApp } from '@kelisim/service-kit/http';
import { requireRole } from '@kelisim/service-kit/principal';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { addIndicator, editIndicator, type Indicator } from '../domain/indicators.ts';
import { appendDecision, checkExpectedVersion, stateOf } from '../store/commits.ts';
import { commandResponses, createResponses, listResponses, readResponses } from './responses.ts';

const labelsSchema = z.object({
  kk: z.string().trim().min(1).max(200),
  ru: z.string().trim().min(1).max(200),
});
const weightSchema = z.number().min(0).max(1);

const createBody = z.object({
  code: codeSchema,
  labels: labelsSchema,
  direction: indicatorDirectionSchema,
  weight: weightSchema,
});

const editBody = z
  .object({
    labels: labelsSchema.optional(),
    direction: indicatorDirectionSchema.optional(),
    weight: weightSchema.optional(),
    active: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'must change something', path: [] });

const codeParams = z.object({ code: codeSchema });

const view = (indicator: Indicator, version: number) => ({ ...indicator, version });

export function registerIndicatorRoutes(app: HttpApp, deps: AppDeps): void {
  const { stores, clock } = deps;
  const tags = ['indicators'];

  app.get(
    '/indicators',
    {
      schema: {
        summary: 'The indicator catalogue',
        operationId: 'listIndicators',
        tags,
        response: listResponses,
      },
    },
    async () => {
      const all = await stores.indicators.all();
      return { items: all.map((doc) => view(stateOf(doc), doc.version)) };
    },
  );

  app.get(
    '/indicators/:code',
    {
      schema: {
        summary: 'An indicator',
        operationId: 'getIndicator',
        tags,
        params: codeParams,
        response: readResponses,
      },
    },
    async (request, reply) => {
      const doc = await stores.indicators.load(request.params.code);
      if (!doc) throw new NotFoundError('No such indicator.', { code: 'indicator.not_found' });
      return reply.header('etag', etagOf(doc.version)).send(view(stateOf(doc), doc.version));
    },
  );

  app.post(
    '/indicators',
    {
      schema: {
        summary: 'Add an indicator to the catalogue',
        operationId: 'addIndicator',
        tags,
        body: createBody,
        response: createResponses,
      },
    },
    async (request, reply) => {
      requireRole(request.principal, 'admin');
      const existing = await stores.indicators.load(request.body.code);
      const indicator = addIndicator(existing, { ...request.body, active: true });
      await appendDecision(
        stores.indicators.log,
        indicator.code,
        0,
        { state: indicator, events: [] },
        clock(),
      );
      return reply.status(201).header('etag', etagOf(1)).send(view(indicator, 1));
    },
  );

  app.patch(
    '/indicators/:code',
    {
      schema: {
        summary: 'Edit an indicator',
        operationId: 'editIndicator',
        tags,
        params: codeParams,
        body: editBody,
        response: commandResponses,
      },
    },
    async (request, reply) => {
      requireRole(request.principal, 'admin');
      const doc = await stores.indicators.load(request.params.code);
      if (!doc) throw new NotFoundError('No such indicator.', { code: 'indicator.not_found' });
      checkExpectedVersion(doc, expectedVersionFrom(request));
      const indicator = editIndicator(stateOf(doc), request.body);
      const version = await appendDecision(
        stores.indicators.log,
        doc._id,
        doc.version,
        { state: indicator, events: [] },
        clock(),
      );
      return reply.header('etag', etagOf(version)).send(view(indicator, version));
    },
  );
}
