// Answers a request with a printable document as a PDF, streamed as pdfkit writes it.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { type PrintableDocument, renderPdf } from './printable-document.ts';

/** A printable document route's 200 answer for its OpenAPI document. */
export const pdfResponse = {
  description: 'The document as a PDF',
  content: { 'application/pdf': { schema: z.string() } },
};

/** `name` without extension, e.g. `agreement-EM-2026-750000000-000001-kk`. */
export function sendPdf(reply: FastifyReply, name: string, document: PrintableDocument): FastifyReply {
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${name}.pdf"`)
    .header('cache-control', 'no-store')
    .send(renderPdf(document));
}
