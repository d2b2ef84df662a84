// The training registry's single items, each at an address of its own (`#/courses/<id>`,
// `#/enrolments/<id>`, `#/certifications/<id>`) that the lists, the inbox and people's messages can
// link to: the same card as in the list, with what it needs read by id, and a way back to the list.
// A mediator reads their own enrolments and certificates here, without the coordinator's forms.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Loading, Notice, problemText } from '../components.tsx';
import { type MessageKey, useI18n } from '../i18n.ts';
import { get } from '../lib/api.ts';
import type { Reference } from '../lib/reference.ts';
import { type Certification, CertificationCard } from './certifications.tsx';
import { type Course, CourseCard } from './courses.tsx';
import { type Enrolment, EnrolmentCard } from './enrolments.tsx';

/** A mediator's name by id, as the registry gives it to the caller. */
async function mediatorName(mediatorId: string): Promise<{ mediatorId: string; name: string }[]> {
  const answer = await get<{ items: { mediatorId: string; name: string }[] }>(
    'mediator-training',
    `/mediators/names?ids=${encodeURIComponent(mediatorId)}`,
  );
  return answer.items;
}

/** Reads the item (again after each change) and shows it, or the refusal in the person's language. */
function useItem<T>(
  read: () => Promise<T>,
  key: string,
): { item: T | null; error: string | null; reload: () => void } {
  const i18n = useI18n();
  const [item, setItem] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = () => {
    read()
      .then((value) => {
        setItem(value);
        setError(null);
      })
      .catch((failure) => setError(problemText(i18n, failure)));
  };
  useEffect(reload, [key]);
  return { item, error, reload };
}

function ItemPage(props: {
  id: string;
  title: string | null;
  back: { path: string; label: MessageKey };
  error: string | null;
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  return (
    <section aria-labelledby={props.id}>
      <p>
        <a href={`#/${props.back.path}`}>← {t(props.back.label)}</a>
      </p>
      {props.title !== null ? <h1 id={props.id}>{props.title}</h1> : null}
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      {props.title === null && !props.error ? <Loading /> : props.children}
    </section>
  );
}

export function CoursePage({ courseId, readOnly }: { courseId: string; readOnly: boolean }) {
  const i18n = useI18n();
  const { item, error, reload } = useItem(
    () => get<Course>('mediator-training', `/courses/${encodeURIComponent(courseId)}`),
    courseId,
  );
  return (
    <ItemPage
      id="course-title"
      title={item ? item.title[i18n.lang] : null}
      back={{ path: 'courses', label: 'navCourses' }}
      error={error}
    >
      {item ? (
        <CourseCard
          key={item.version}
          i18n={i18n}
          course={item}
          onChanged={reload}
          inList={false}
          readOnly={readOnly}
        />
      ) : null}
    </ItemPage>
  );
}

/** Where a reader of their own training goes back to, and where a coordinator does. */
const backTo = (readOnly: boolean, path: string, label: MessageKey) =>
  readOnly ? { path: 'my-training', label: 'navMyTraining' as const } : { path, label };

export function EnrolmentPage({ enrolmentId, readOnly }: { enrolmentId: string; readOnly: boolean }) {
  const i18n = useI18n();
  const { item, error, reload } = useItem(async () => {
    const enrolment = await get<Enrolment>(
      'mediator-training',
      `/enrolments/${encodeURIComponent(enrolmentId)}`,
    );
    const [course, mediators] = await Promise.all([
      get<Course>('mediator-training', `/courses/${encodeURIComponent(enrolment.courseId)}`),
      mediatorName(enrolment.mediatorId),
    ]);
    return { enrolment, data: { mediators, courses: [course], enrolments: [enrolment] } };
  }, enrolmentId);
  return (
    <ItemPage
      id="enrolment-title"
      title={item ? i18n.t('enrolmentTitle') : null}
      back={backTo(readOnly, 'enrolments', 'navEnrolments')}
      error={error}
    >
      {item ? (
        <ul class="cards">
          <EnrolmentCard
            key={item.enrolment.version}
            i18n={i18n}
            enrolment={item.enrolment}
            data={item.data}
            onDone={reload}
            readOnly={readOnly}
          />
        </ul>
      ) : null}
    </ItemPage>
  );
}

export function CertificationPage({
  certificationId,
  reference,
  readOnly,
}: {
  certificationId: string;
  reference: Reference;
  readOnly: boolean;
}) {
  const i18n = useI18n();
  const { item, error, reload } = useItem(async () => {
    const certification = await get<Certification>(
      'mediator-training',
      `/certifications/${encodeURIComponent(certificationId)}`,
    );
    const [course, mediators] = await Promise.all([
      get<Course>('mediator-training', `/courses/${encodeURIComponent(certification.courseId)}`),
      mediatorName(certification.mediatorId),
    ]);
    return {
      certification,
      names: { mediators: new Map(mediators.map((m) => [m.mediatorId, m.name])), courses: [course] },
    };
  }, certificationId);
  return (
    <ItemPage
      id="certification-title"
      title={item ? i18n.t('certificationTitle') : null}
      back={backTo(readOnly, 'certifications', 'navCertifications')}
      error={error}
    >
      {item ? (
        <ul class="cards">
          <CertificationCard
            key={item.certification.version}
            i18n={i18n}
            item={item.certification}
            names={item.names}
            reference={reference}
            onDone={reload}
            readOnly={readOnly}
          />
        </ul>
      ) : null}
    </ItemPage>
  );
}
