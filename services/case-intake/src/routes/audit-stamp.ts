// The audit stamp of a request: the token's subject and roles, the action, the request id (also
// the correlation id of the events it causes) and the client address (`trustProxy` decides
// whether that is the socket's or the forwarded one).
import type { FastifyRequest } from 'fastify';
import type { AuditStamp } from '../store/case-audit.ts';

export function auditStampOf(request: FastifyRequest, action: string): AuditStamp {
  return {
    sub: request.principal.sub,
    roles: [...request.principal.roles],
    action,
    requestId: request.id,
    ip: request.ip ?? null,
  };
}
