// Answers a request with a printable document as a PDF, streamed as pdfkit writes it.
import type { FastifyReply } from 'fastify';
import { type PrintableDocument, renderPdf } from './printable-document.ts';

/** `name` without extension, e.g. `agreement-EM-2026-750000000-000001-kk`. */
export function sendPdf(reply: FastifyReply, name: string, document: PrintableDocument): FastifyReply {
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${name}.pdf"`)
    .header('cache-control', 'no-store')
    .send(renderPdf(document));
}
