// The views beyond the first ones (coordinators', administrators', and every role's single items
// and preferences) and their places in the menu: the shell lists these
// items for the person's roles and asks here for the view an address names.
import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../i18n.ts';
import type { Reference } from '../lib/reference.ts';
import type { Route } from '../lib/router.ts';
import type { Session } from '../view-types.ts';
import { AlertPage } from './alert-page.tsx';
import { AlertRules } from './alert-rules.tsx';
import { Audit } from './audit.tsx';
import { Certifications } from './certifications.tsx';
import { Courses } from './courses.tsx';
import { Enrolments } from './enrolments.tsx';
import { GroupPage, MyGroups } from './group-page.tsx';
import { Groups } from './groups.tsx';
import { IndicatorPage, Indicators } from './indicators.tsx';
import { MediatorPage, Mediators } from './mediators.tsx';
import { MyProfile } from './my-profile.tsx';
import { MyTraining } from './my-training.tsx';
import { PartnerPage, Partners } from './partners.tsx';
import { MyPreferences } from './preferences.tsx';
import { RegionPage } from './region-page.tsx';
import { CertificationPage, CoursePage, EnrolmentPage } from './training-pages.tsx';

export const roleNav: { path: string; key: MessageKey; roles: string[] }[] = [
  { path: 'mediators', key: 'navMediators', roles: ['coordinator', 'admin'] },
  // Every role may read the courses; coordinators and administrators also keep them.
  {
    path: 'courses',
    key: 'navCourses',
    roles: ['mediator', 'group_member', 'supervisor', 'coordinator', 'admin'],
  },
  { path: 'enrolments', key: 'navEnrolments', roles: ['coordinator', 'admin'] },
  { path: 'certifications', key: 'navCertifications', roles: ['coordinator', 'admin'] },
  { path: 'groups', key: 'navGroups', roles: ['admin'] },
  // The groups a person's alerts come through: their own, their role's audience, their personal one.
  { path: 'my-groups', key: 'navMyGroups', roles: ['mediator', 'group_member', 'supervisor', 'coordinator'] },
  { path: 'my-training', key: 'navMyTraining', roles: ['mediator'] },
  { path: 'alert-rules', key: 'navAlertRules', roles: ['admin'] },
  { path: 'audit', key: 'navAudit', roles: ['admin'] },
  {
    path: 'indicators',
    key: 'navIndicators',
    roles: ['mediator', 'group_member', 'supervisor', 'coordinator', 'admin'],
  },
  { path: 'partners', key: 'navPartners', roles: ['coordinator', 'admin'] },
  { path: 'dashboard', key: 'navDashboard', roles: ['supervisor', 'group_member', 'admin'] },
  {
    path: 'preferences',
    key: 'navPreferences',
    roles: ['mediator', 'group_member', 'supervisor', 'coordinator', 'admin'],
  },
];

/** Who keeps the training registry; the other roles read courses, a mediator their own records. */
const registrars = ['coordinator', 'admin'];

/** The view at `path`, or null when the address is none of these. */
export function roleView(
  path: string,
  reference: Reference,
  route: Route,
  session: Session,
): ComponentChildren | null {
  const [first, second] = path.split('/');
  const readsTraining = !session.roles.some((role) => registrars.includes(role));
  if (first === 'alerts' && second) return <AlertPage alertId={second} reference={reference} />;
  if (first === 'risk' && second) return <RegionPage region={second} reference={reference} />;
  if (first === 'mediators' && second)
    return readsTraining ? (
      <MyProfile mediatorId={second} reference={reference} />
    ) : (
      <MediatorPage mediatorId={second} reference={reference} />
    );
  if (path === 'mediators') return <Mediators reference={reference} />;
  if (first === 'indicators' && second) return <IndicatorPage code={second} />;
  if (path === 'indicators') return <Indicators />;
  if (path === 'preferences') return <MyPreferences />;
  if (path.startsWith('partners/'))
    return <PartnerPage partnerId={path.slice('partners/'.length)} reference={reference} />;
  if (path === 'partners') return <Partners reference={reference} route={route} />;
  if (first === 'courses' && second) return <CoursePage courseId={second} readOnly={readsTraining} />;
  if (path === 'courses') return <Courses readOnly={readsTraining} />;
  if (first === 'enrolments' && second)
    return <EnrolmentPage enrolmentId={second} readOnly={readsTraining} />;
  if (path === 'enrolments') return <Enrolments />;
  if (first === 'certifications' && second)
    return <CertificationPage certificationId={second} reference={reference} readOnly={readsTraining} />;
  if (path === 'certifications') return <Certifications reference={reference} />;
  if (first === 'groups' && second)
    return <GroupPage groupId={second} reference={reference} session={session} />;
  if (path === 'groups') return <Groups reference={reference} />;
  if (path === 'my-groups') return <MyGroups reference={reference} />;
  if (path === 'my-training') return <MyTraining reference={reference} />;
  if (path === 'alert-rules') return <AlertRules />;
  if (path === 'audit') return <Audit route={route} />;
  return null;
}
