// The coordinator's view of mediator-training: mediators (regions, languages, status), courses
// (Kazakh and Russian titles, hours, pass mark), enrolments with attendance and score, and the
// certifications that expire within 60 days, soonest first.
import { languages, mediatorStatuses } from '@kelisim/contracts/reference/people-vocabulary';
import { defineVocabulary } from '@kelisim/contracts/reference/vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { Badge, Loading, Notice, problemText } from '../components.tsx';
import { capital, useI18n } from '../i18n.ts';
import { get, type Page } from '../lib/api.ts';
import type { Reference } from '../lib/reference.ts';

const enrolmentStatuses = defineVocabulary({
  enrolled: { kk: 'оқып жатыр', ru: 'обучается' },
  completed: { kk: 'аяқтады', ru: 'завершил' },
  failed: { kk: 'өтпеді', ru: 'не сдал' },
});

type Mediator = {
  mediatorId: string;
  name: string;
  homeRegion: string;
  regions: string[];
  languages: ('kk' | 'ru' | 'other')[];
  status: 'active' | 'inactive';
};
type Course = {
  courseId: string;
  title: { kk: string; ru: string };
  requiredHours: number;
  passMark: number;
};
type Enrolment = {
  enrolmentId: string;
  mediatorId: string;
  courseId: string;
  status: 'enrolled' | 'completed' | 'failed';
  attendedHours: number;
  requiredHours: number;
  score: number | null;
};
type Certification = { certificationId: string; mediatorId: string; validUntil: string; homeRegion: string };
type Data = { mediators: Mediator[]; courses: Course[]; enrolments: Enrolment[]; expiring: Certification[] };

export function Training({ reference }: { reference: Reference }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([
      get<Page<Mediator>>('mediator-training', '/mediators?limit=100'),
      get<Page<Course>>('mediator-training', '/courses?limit=100'),
      get<Page<Enrolment>>('mediator-training', '/enrolments?limit=100'),
      get<Page<Certification>>('mediator-training', '/certifications?expiringWithinDays=60&limit=100'),
    ])
      .then(([mediators, courses, enrolments, expiring]) =>
        setData({
          mediators: mediators.items,
          courses: courses.items,
          enrolments: enrolments.items,
          expiring: [...expiring.items].sort((a, b) => a.validUntil.localeCompare(b.validUntil)),
        }),
      )
      .catch((failure) => setError(problemText(i18n, failure)));
  }, []);

  if (error) return <Notice kind="error">{error}</Notice>;
  if (!data) return <Loading />;
  const nameOf = (mediatorId: string) =>
    data.mediators.find((m) => m.mediatorId === mediatorId)?.name ?? mediatorId;
  const courseOf = (courseId: string) =>
    data.courses.find((c) => c.courseId === courseId)?.title[lang] ?? courseId;

  return (
    <section aria-labelledby="training-title">
      <h1 id="training-title">{t('trainingTitle')}</h1>
      <section aria-labelledby="expiring-title" class="card">
        <h2 id="expiring-title">{t('expiringSoon')}</h2>
        {data.expiring.length === 0 ? <p>{t('noItems')}</p> : null}
        <ul>
          {data.expiring.map((c) => (
            <li key={c.certificationId}>
              <strong>{nameOf(c.mediatorId)}</strong> · {reference.name(c.homeRegion, lang)} ·{' '}
              {t('validUntil', { date: i18n.date(c.validUntil) })}
            </li>
          ))}
        </ul>
      </section>
      <h2>{t('mediators')}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('homeRegion')}</th>
              <th scope="col">{t('languages')}</th>
              <th scope="col">{t('status')}</th>
            </tr>
          </thead>
          <tbody>
            {data.mediators.map((m) => (
              <tr key={m.mediatorId}>
                <td>{m.name}</td>
                <td>{reference.name(m.homeRegion, lang)}</td>
                <td>{m.languages.map((l) => languages.label(l, lang)).join(', ')}</td>
                <td>
                  <Badge tone="status">{capital(mediatorStatuses.label(m.status, lang))}</Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('courses')}</h2>
      <ul class="cards">
        {data.courses.map((c) => (
          <li key={c.courseId} class="card">
            <strong>{c.title[lang]}</strong>
            <p class="muted">
              {t('hours', { hours: i18n.number(c.requiredHours) })} ·{' '}
              {t('passMark', { mark: i18n.number(c.passMark) })}
            </p>
          </li>
        ))}
      </ul>
      <h2>{t('enrolments')}</h2>
      <ul>
        {data.enrolments.map((e) => (
          <li key={e.enrolmentId}>
            {nameOf(e.mediatorId)} — {courseOf(e.courseId)}: {i18n.number(e.attendedHours)}/
            {i18n.number(e.requiredHours)}
            {e.score !== null ? ` · ${i18n.number(e.score)}` : ''} · {enrolmentStatuses.label(e.status, lang)}
          </li>
        ))}
      </ul>
    </section>
  );
}
