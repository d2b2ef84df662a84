// The state of an enrolment and of the certification it may hold, apart from the rules that
// change them (enrolment.ts, certification.ts), which both need it.

export type CertificationStatus = 'valid' | 'suspended' | 'revoked' | 'expired';

export type CertificationState = {
  certificationId: string;
  issuedOn: string;
  validFrom: string;
  /** The last valid day, inclusive. */
  validUntil: string;
  status: CertificationStatus;
  /** The `validUntil` whose expiry notice went out: the sweep's claim that it told once. */
  expiringNoticeFor: string | null;
  reason: string | null;
  suspendedUntil: string | null;
  decidedBy: string | null;
  renewals: number;
};

export type EnrolmentStatus = 'enrolled' | 'completed' | 'failed';

/** The course's terms when the mediator enrolled. */
export type CourseTerms = {
  requiredHours: number;
  passMark: number;
  validityMonths: number;
  modules: { moduleId: string; hours: number }[];
};

export type EnrolmentState = {
  enrolmentId: string;
  mediatorId: string;
  /** Copied from the mediator, for scoping without a join: who may read, which regions. */
  mediatorUserId: string;
  homeRegion: string;
  regions: string[];
  courseId: string;
  terms: CourseTerms;
  startsOn: string;
  attendance: { moduleId: string; hours: number }[];
  attendedHours: number;
  score: number | null;
  status: EnrolmentStatus;
  completedOn: string | null;
  certification: CertificationState | null;
  createdAt: string;
  updatedAt: string;
};
