// The coordinator's and administrator's views and their places in the menu: the shell lists these
// items for the person's roles and asks here for the view an address names.
import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../i18n.ts';
import type { Reference } from '../lib/reference.ts';
import type { Route } from '../lib/router.ts';
import { AlertRules } from './alert-rules.tsx';
import { Audit } from './audit.tsx';
import { Certifications } from './certifications.tsx';
import { Courses } from './courses.tsx';
import { Enrolments } from './enrolments.tsx';
import { Groups } from './groups.tsx';

export const roleNav: { path: string; key: MessageKey; roles: string[] }[] = [
  { path: 'courses', key: 'navCourses', roles: ['coordinator', 'admin'] },
  { path: 'enrolments', key: 'navEnrolments', roles: ['coordinator', 'admin'] },
  { path: 'certifications', key: 'navCertifications', roles: ['coordinator', 'admin'] },
  { path: 'groups', key: 'navGroups', roles: ['admin'] },
  { path: 'alert-rules', key: 'navAlertRules', roles: ['admin'] },
  { path: 'audit', key: 'navAudit', roles: ['admin'] },
];

/** The view at `path`, or null when the address is none of these. */
export function roleView(path: string, reference: Reference, route: Route): ComponentChildren | null {
  if (path === 'courses') return <Courses />;
  if (path === 'enrolments') return <Enrolments />;
  if (path === 'certifications') return <Certifications reference={reference} />;
  if (path === 'groups') return <Groups reference={reference} />;
  if (path === 'alert-rules') return <AlertRules />;
  if (path === 'audit') return <Audit route={route} />;
  return null;
}
