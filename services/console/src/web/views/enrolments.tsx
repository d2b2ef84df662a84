// Enrolments (coordinators and administrators): a mediator enrolled on an open course, attendance
// recorded per module and the assessment's score; a passed assessment with the hours attended
// completes the course and issues the mediator's certificate (mediator-training decides), which
// the certifications view then holds.
import { defineVocabulary } from '@kelisim/contracts/reference/vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { Badge, Loading, Notice, problemText } from '../components.tsx';
import { capital, type Translator, useI18n } from '../i18n.ts';
import { get, type Page } from '../lib/api.ts';
import { Input, numberOrText, Select, send, useRefusal } from '../lib/forms.tsx';
import type { Course } from './courses.tsx';

export const enrolmentStatuses = defineVocabulary({
  enrolled: { kk: 'оқып жатыр', ru: 'обучается' },
  completed: { kk: 'аяқтады', ru: 'завершил' },
  failed: { kk: 'өтпеді', ru: 'не сдал' },
});

type Mediator = { mediatorId: string; name: string };
export type Enrolment = {
  enrolmentId: string;
  mediatorId: string;
  courseId: string;
  startsOn: string;
  status: (typeof enrolmentStatuses.values)[number];
  attendance: { moduleId: string; hours: number }[];
  attendedHours: number;
  requiredHours: number;
  score: number | null;
  passMark: number;
  certificationId: string | null;
  version: number;
};
export type Data = { mediators: Mediator[]; courses: Course[]; enrolments: Enrolment[] };

function Enrol({ i18n, data, onDone }: { i18n: Translator; data: Data; onDone: () => void }) {
  const { t, lang } = i18n;
  const [form, setForm] = useState({ mediatorId: '', courseId: '', startsOn: '' });
  const refusal = useRefusal();
  const submit = async (event: Event) => {
    event.preventDefault();
    const sent = await send(i18n, 'mediator-training', '/enrolments', {
      body: { ...form, ...(form.startsOn === '' ? { startsOn: undefined } : {}) },
    });
    if (!sent.ok) return refusal.show(sent);
    refusal.clear();
    setForm({ mediatorId: '', courseId: '', startsOn: '' });
    onDone();
  };
  return (
    <form class="card form-grid" onSubmit={submit} noValidate aria-labelledby="enrol-title">
      <h2 id="enrol-title" class="wide">
        {t('enrolNew')}
      </h2>
      {refusal.message ? (
        <div class="wide">
          <Notice kind="error">{refusal.message}</Notice>
        </div>
      ) : null}
      <Select
        id="enrol-mediator"
        label={t('enrolMediator')}
        empty={t('none')}
        value={form.mediatorId}
        error={refusal.of('mediatorId')}
        options={data.mediators.map((m) => ({ value: m.mediatorId, label: m.name }))}
        onChange={(mediatorId) => setForm({ ...form, mediatorId })}
      />
      <Select
        id="enrol-course"
        label={t('enrolCourse')}
        empty={t('none')}
        value={form.courseId}
        error={refusal.of('courseId')}
        options={data.courses
          .filter((c) => c.status === 'open')
          .map((c) => ({ value: c.courseId, label: c.title[lang] }))}
        onChange={(courseId) => setForm({ ...form, courseId })}
      />
      <Input
        id="enrol-starts"
        type="date"
        label={t('enrolStartsOn')}
        value={form.startsOn}
        error={refusal.of('startsOn')}
        onInput={(startsOn) => setForm({ ...form, startsOn })}
      />
      <div class="wide actions-row">
        <button type="submit" class="primary">
          {t('enrolSubmit')}
        </button>
      </div>
    </form>
  );
}

export function EnrolmentCard({
  i18n,
  enrolment,
  data,
  onDone,
  readOnly = false,
}: {
  i18n: Translator;
  enrolment: Enrolment;
  data: Data;
  onDone: () => void;
  /** For the mediator enrolled, who reads their enrolment but records nothing on it. */
  readOnly?: boolean;
}) {
  const { t, lang } = i18n;
  const course = data.courses.find((c) => c.courseId === enrolment.courseId);
  const [attendance, setAttendance] = useState({ moduleId: course?.modules[0]?.moduleId ?? '', hours: '' });
  const [score, setScore] = useState('');
  const attended = useRefusal();
  const assessed = useRefusal();
  const id = enrolment.enrolmentId;
  const command = async (path: string, body: object, refusal: ReturnType<typeof useRefusal>) => {
    const sent = await send(i18n, 'mediator-training', `/enrolments/${id}/${path}`, {
      body,
      ifMatch: `"${enrolment.version}"`,
    });
    if (!sent.ok) return refusal.show(sent);
    refusal.clear();
    onDone();
  };
  const name =
    data.mediators.find((m) => m.mediatorId === enrolment.mediatorId)?.name ?? t('mediatorUnnamed');
  return (
    <li class="card">
      <h3>
        <a href={`#/enrolments/${encodeURIComponent(id)}`}>
          {name} — {course?.title[lang] ?? ''}
        </a>
      </h3>
      <p>
        <Badge tone="status">{capital(enrolmentStatuses.label(enrolment.status, lang))}</Badge>{' '}
        {t('enrolAttended', {
          hours: i18n.number(enrolment.attendedHours),
          required: i18n.number(enrolment.requiredHours),
        })}
        {enrolment.score !== null
          ? ` · ${t('enrolScore', { score: i18n.number(enrolment.score), mark: i18n.number(enrolment.passMark) })}`
          : ''}
      </p>
      {enrolment.certificationId ? (
        <p>
          <a href={`#/certifications/${encodeURIComponent(enrolment.certificationId)}`}>
            {t('enrolCertified')}
          </a>
        </p>
      ) : null}
      {enrolment.status === 'enrolled' && !readOnly ? (
        <>
          <form
            class="form-grid"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void command(
                'attendance',
                { moduleId: attendance.moduleId, hours: numberOrText(attendance.hours) },
                attended,
              );
            }}
          >
            {attended.message ? (
              <div class="wide">
                <Notice kind="error">{attended.message}</Notice>
              </div>
            ) : null}
            <Select
              id={`attendance-module-${id}`}
              label={t('attendanceModule')}
              value={attendance.moduleId}
              error={attended.of('moduleId')}
              options={(course?.modules ?? []).map((m) => ({ value: m.moduleId, label: m.title[lang] }))}
              onChange={(moduleId) => setAttendance({ ...attendance, moduleId })}
            />
            <Input
              id={`attendance-hours-${id}`}
              label={t('attendanceHours')}
              inputMode="decimal"
              value={attendance.hours}
              error={attended.of('hours')}
              onInput={(hours) => setAttendance({ ...attendance, hours })}
            />
            <div class="wide actions-row">
              <button type="submit">{t('attendanceRecord')}</button>
            </div>
          </form>
          <form
            class="form-grid"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void command('assessment', { score: numberOrText(score) }, assessed);
            }}
          >
            {assessed.message ? (
              <div class="wide">
                <Notice kind="error">{assessed.message}</Notice>
              </div>
            ) : null}
            <Input
              id={`assessment-score-${id}`}
              label={t('assessmentScore')}
              hint={t('passMark', { mark: i18n.number(enrolment.passMark) })}
              inputMode="decimal"
              value={score}
              error={assessed.of('score')}
              onInput={setScore}
            />
            <div class="wide actions-row">
              <button type="submit">{t('assessmentRecord')}</button>
            </div>
          </form>
        </>
      ) : null}
    </li>
  );
}

export function Enrolments() {
  const i18n = useI18n();
  const { t } = i18n;
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    Promise.all([
      get<Page<Mediator>>('mediator-training', '/mediators?limit=100'),
      get<Page<Course>>('mediator-training', '/courses?limit=100'),
      get<Page<Enrolment>>('mediator-training', '/enrolments?limit=100'),
    ])
      .then(([mediators, courses, enrolments]) =>
        setData({ mediators: mediators.items, courses: courses.items, enrolments: enrolments.items }),
      )
      .catch((failure) => setError(problemText(i18n, failure)));
  useEffect(() => {
    void load();
  }, []);

  return (
    <section aria-labelledby="enrolments-title">
      <h1 id="enrolments-title">{t('enrolmentsTitle')}</h1>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {data === null && !error ? <Loading /> : null}
      {data ? (
        <>
          <Enrol i18n={i18n} data={data} onDone={load} />
          {data.enrolments.length === 0 ? <p>{t('noItems')}</p> : null}
          <ul class="cards">
            {data.enrolments.map((enrolment) => (
              <EnrolmentCard
                key={`${enrolment.enrolmentId}-${enrolment.version}`}
                i18n={i18n}
                enrolment={enrolment}
                data={data}
                onDone={load}
              />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
