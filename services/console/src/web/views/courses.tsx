// Courses: the courses of the registry with their modules, hours, pass mark and validity. Coordinators
// and administrators also add a course with its modules and close one to new enrolments (archived)
// or open it again, mediator-training refusing what is wrong field by field; every other role reads
// the same list and pages without those forms.
import { useEffect, useState } from 'preact/hooks';
import { Badge, Loading, Notice, problemText } from '../components.tsx';
import { type Translator, useI18n } from '../i18n.ts';
import { get, type Page } from '../lib/api.ts';
import { Input, numberOrText, send, useRefusal } from '../lib/forms.tsx';

export type Course = {
  courseId: string;
  title: { kk: string; ru: string };
  modules: { moduleId: string; title: { kk: string; ru: string }; hours: number }[];
  requiredHours: number;
  passMark: number;
  validityMonths: number;
  status: 'open' | 'archived';
  version: number;
};

type ModuleForm = { kk: string; ru: string; hours: string };
const blank = () => ({
  kk: '',
  ru: '',
  modules: [{ kk: '', ru: '', hours: '' }] as ModuleForm[],
  requiredHours: '',
  passMark: '70',
  validityMonths: '36',
});

function NewCourse({ i18n, onCreated }: { i18n: Translator; onCreated: () => void }) {
  const { t } = i18n;
  const [form, setForm] = useState(blank);
  const [busy, setBusy] = useState(false);
  const refusal = useRefusal();
  const setModule = (index: number, change: Partial<ModuleForm>) =>
    setForm({ ...form, modules: form.modules.map((m, i) => (i === index ? { ...m, ...change } : m)) });

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const sent = await send(i18n, 'mediator-training', '/courses', {
      body: {
        title: { kk: form.kk, ru: form.ru },
        modules: form.modules.map((m, index) => ({
          moduleId: `m${index + 1}`,
          title: { kk: m.kk, ru: m.ru },
          hours: numberOrText(m.hours),
        })),
        requiredHours: numberOrText(form.requiredHours),
        passMark: numberOrText(form.passMark),
        validityMonths: numberOrText(form.validityMonths),
      },
    });
    setBusy(false);
    if (!sent.ok) return refusal.show(sent);
    refusal.clear();
    setForm(blank());
    onCreated();
  };

  return (
    <form class="card form-grid" onSubmit={submit} noValidate aria-labelledby="new-course-title">
      <h2 id="new-course-title" class="wide">
        {t('courseNew')}
      </h2>
      {refusal.message ? (
        <div class="wide">
          <Notice kind="error">{refusal.message}</Notice>
        </div>
      ) : null}
      <Input
        id="course-title-kk"
        label={t('courseTitleKk')}
        value={form.kk}
        error={refusal.of('title.kk')}
        onInput={(kk) => setForm({ ...form, kk })}
      />
      <Input
        id="course-title-ru"
        label={t('courseTitleRu')}
        value={form.ru}
        error={refusal.of('title.ru')}
        onInput={(ru) => setForm({ ...form, ru })}
      />
      {form.modules.map((m, index) => (
        <fieldset key={index} class="wide">
          <legend>{t('courseModule', { n: index + 1 })}</legend>
          <Input
            id={`module-${index}-kk`}
            label={t('courseTitleKk')}
            value={m.kk}
            error={refusal.of(`modules.${index}.title.kk`)}
            onInput={(kk) => setModule(index, { kk })}
          />
          <Input
            id={`module-${index}-ru`}
            label={t('courseTitleRu')}
            value={m.ru}
            error={refusal.of(`modules.${index}.title.ru`)}
            onInput={(ru) => setModule(index, { ru })}
          />
          <Input
            id={`module-${index}-hours`}
            label={t('courseModuleHours')}
            inputMode="numeric"
            value={m.hours}
            error={refusal.of(`modules.${index}.hours`)}
            onInput={(hours) => setModule(index, { hours })}
          />
        </fieldset>
      ))}
      <div class="wide actions-row">
        <button
          type="button"
          onClick={() => setForm({ ...form, modules: [...form.modules, { kk: '', ru: '', hours: '' }] })}
        >
          {t('courseAddModule')}
        </button>
      </div>
      <Input
        id="course-required-hours"
        label={t('courseRequiredHours')}
        inputMode="numeric"
        value={form.requiredHours}
        error={refusal.of('requiredHours')}
        onInput={(requiredHours) => setForm({ ...form, requiredHours })}
      />
      <Input
        id="course-pass-mark"
        label={t('coursePassMark')}
        inputMode="decimal"
        value={form.passMark}
        error={refusal.of('passMark')}
        onInput={(passMark) => setForm({ ...form, passMark })}
      />
      <Input
        id="course-validity"
        label={t('courseValidityMonths')}
        inputMode="numeric"
        value={form.validityMonths}
        error={refusal.of('validityMonths')}
        onInput={(validityMonths) => setForm({ ...form, validityMonths })}
      />
      <div class="wide actions-row">
        <button type="submit" class="primary" disabled={busy}>
          {t('courseCreate')}
        </button>
      </div>
    </form>
  );
}

/**
 * One course: its hours, pass mark, validity and modules, closed to new enrolments or opened again.
 * In the list its title links to the course's own page, which has the title as its heading.
 */
export function CourseCard({
  i18n,
  course,
  onChanged,
  inList,
  readOnly,
}: {
  i18n: Translator;
  course: Course;
  onChanged: () => void;
  inList: boolean;
  /** For those who may read courses but not edit them (mediator-training's access rules). */
  readOnly: boolean;
}) {
  const { t, lang } = i18n;
  const [error, setError] = useState<string | null>(null);
  const setStatus = async (status: Course['status']) => {
    const sent = await send(i18n, 'mediator-training', `/courses/${course.courseId}`, {
      method: 'PATCH',
      body: { status },
      ifMatch: `"${course.version}"`,
    });
    if (!sent.ok) return setError(sent.message);
    setError(null);
    onChanged();
  };
  return (
    <div class="card">
      {inList ? (
        <h2>
          <a href={`#/courses/${encodeURIComponent(course.courseId)}`}>{course.title[lang]}</a>
        </h2>
      ) : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      <p>
        <Badge tone="status">{t(course.status === 'open' ? 'courseOpen' : 'courseArchived')}</Badge>
      </p>
      <p class="muted">
        {t('hours', { hours: i18n.number(course.requiredHours) })} ·{' '}
        {t('passMark', { mark: i18n.number(course.passMark) })} ·{' '}
        {t('courseValidity', { months: i18n.number(course.validityMonths) })}
      </p>
      <ul>
        {course.modules.map((m) => (
          <li key={m.moduleId}>
            {m.title[lang]} — {t('hours', { hours: i18n.number(m.hours) })}
          </li>
        ))}
      </ul>
      {readOnly ? null : (
        <button type="button" onClick={() => setStatus(course.status === 'open' ? 'archived' : 'open')}>
          {t(course.status === 'open' ? 'courseArchive' : 'courseReopen')}
        </button>
      )}
    </div>
  );
}

export function Courses({ readOnly }: { readOnly: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [courses, setCourses] = useState<Course[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    get<Page<Course>>('mediator-training', '/courses?limit=100')
      .then((page) => setCourses(page.items))
      .catch((failure) => setError(problemText(i18n, failure)));
  useEffect(() => {
    void load();
  }, []);

  return (
    <section aria-labelledby="courses-title">
      <h1 id="courses-title">{t('coursesTitle')}</h1>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {courses === null && !error ? <Loading /> : null}
      {courses?.length === 0 ? <p>{t('noItems')}</p> : null}
      <ul class="cards">
        {courses?.map((course) => (
          <li key={`${course.courseId}-${course.version}`}>
            <CourseCard i18n={i18n} course={course} onChanged={load} inList readOnly={readOnly} />
          </li>
        ))}
      </ul>
      {readOnly ? null : <NewCourse i18n={i18n} onCreated={load} />}
    </section>
  );
}
