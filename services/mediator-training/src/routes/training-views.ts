// How enrolments and certifications are shown over HTTP. A certification is addressed by its own
// id but lives in the enrolment that earned it; its ETag is that enrolment's version.
import { certificationStatusSchema, enrolmentStatusSchema } from '@kelisim/contracts/api/training';
import { idSchema } from '@kelisim/contracts/fields';
import type { Current } from '@kelisim/service-kit/commit-log';
import { z } from 'zod';
import type { EnrolmentState } from '../domain/training-state.ts';

export const enrolmentSchema = z.object({
  enrolmentId: idSchema,
  mediatorId: idSchema,
  courseId: idSchema,
  startsOn: z.string(),
  status: enrolmentStatusSchema,
  attendance: z.array(z.object({ moduleId: z.string(), hours: z.number() })),
  attendedHours: z.number(),
  requiredHours: z.number(),
  score: z.number().nullable(),
  passMark: z.number(),
  completedOn: z.string().nullable(),
  certificationId: z.string().nullable(),
  version: z.number().int(),
});

export const certificationSchema = z.object({
  certificationId: idSchema,
  enrolmentId: idSchema,
  mediatorId: idSchema,
  courseId: idSchema,
  homeRegion: z.string(),
  issuedOn: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  status: certificationStatusSchema,
  reason: z.string().nullable(),
  suspendedUntil: z.string().nullable(),
  renewals: z.number().int(),
  version: z.number().int(),
});

export function enrolmentView(enrolment: Current<EnrolmentState>): z.output<typeof enrolmentSchema> {
  return {
    enrolmentId: enrolment.enrolmentId,
    mediatorId: enrolment.mediatorId,
    courseId: enrolment.courseId,
    startsOn: enrolment.startsOn,
    status: enrolment.status,
    attendance: enrolment.attendance,
    attendedHours: enrolment.attendedHours,
    requiredHours: enrolment.terms.requiredHours,
    score: enrolment.score,
    passMark: enrolment.terms.passMark,
    completedOn: enrolment.completedOn,
    certificationId: enrolment.certification?.certificationId ?? null,
    version: enrolment.version,
  };
}

export function certificationView(enrolment: Current<EnrolmentState>): z.output<typeof certificationSchema> {
  const certification = enrolment.certification;
  if (!certification) throw new Error(`enrolment ${enrolment.enrolmentId} holds no certification`);
  return {
    certificationId: certification.certificationId,
    enrolmentId: enrolment.enrolmentId,
    mediatorId: enrolment.mediatorId,
    courseId: enrolment.courseId,
    homeRegion: enrolment.homeRegion,
    issuedOn: certification.issuedOn,
    validFrom: certification.validFrom,
    validUntil: certification.validUntil,
    status: certification.status,
    reason: certification.reason,
    suspendedUntil: certification.suspendedUntil,
    renewals: certification.renewals,
    version: enrolment.version,
  };
}
