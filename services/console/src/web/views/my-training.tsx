// A mediator's own training: their record in the registry, the courses they are enrolled on (hours
// attended, score) and the certificates they hold, each opening its page, read-only;
// mediator-training lists a mediator only their own.
import { useEffect, useState } from 'preact/hooks';
import { Loading, Notice, problemText } from '../components.tsx';
import { useI18n } from '../i18n.ts';
import { get, type Page } from '../lib/api.ts';
import type { Reference } from '../lib/reference.ts';
import { type Certification, CertificationCard } from './certifications.tsx';
import type { Course } from './courses.tsx';
import { type Data, type Enrolment, EnrolmentCard } from './enrolments.tsx';

type Mine = { data: Data; certifications: Certification[]; mediatorId: string | null };

export function MyTraining({ reference }: { reference: Reference }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [mine, setMine] = useState<Mine | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void (async () => {
      const [enrolments, certifications, courses, me] = await Promise.all([
        get<Page<Enrolment>>('mediator-training', '/enrolments?limit=100'),
        get<Page<Certification>>('mediator-training', '/certifications?limit=100'),
        get<Page<Course>>('mediator-training', '/courses?limit=100'),
        // The user's own record (linked by the token's `sub`), none before a coordinator enters them.
        get<Page<{ mediatorId: string }>>('mediator-training', '/mediators?limit=1'),
      ]);
      const ids = [...new Set([...enrolments.items, ...certifications.items].map((item) => item.mediatorId))];
      const names =
        ids.length === 0
          ? { items: [] }
          : await get<{ items: { mediatorId: string; name: string }[] }>(
              'mediator-training',
              `/mediators/names?ids=${encodeURIComponent(ids.join(','))}`,
            );
      setMine({
        data: { mediators: names.items, courses: courses.items, enrolments: enrolments.items },
        certifications: certifications.items,
        mediatorId: me.items[0]?.mediatorId ?? null,
      });
    })().catch((failure) => setError(problemText(i18n, failure)));
  }, []);

  const names = {
    mediators: new Map((mine?.data.mediators ?? []).map((m) => [m.mediatorId, m.name])),
    courses: mine?.data.courses ?? [],
  };
  return (
    <section aria-labelledby="my-training-title">
      <h1 id="my-training-title">{t('myTrainingTitle')}</h1>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {mine === null && !error ? <Loading /> : null}
      {mine ? (
        <>
          {mine.mediatorId ? (
            <p>
              <a href={`#/mediators/${encodeURIComponent(mine.mediatorId)}`}>{t('myProfile')}</a>
            </p>
          ) : null}
          <h2 id="my-enrolments-title">{t('navEnrolments')}</h2>
          {mine.data.enrolments.length === 0 ? <p>{t('noItems')}</p> : null}
          <ul class="cards" aria-labelledby="my-enrolments-title">
            {mine.data.enrolments.map((enrolment) => (
              <EnrolmentCard
                key={enrolment.enrolmentId}
                i18n={i18n}
                enrolment={enrolment}
                data={mine.data}
                onDone={() => undefined}
                readOnly
              />
            ))}
          </ul>
          <h2 id="my-certifications-title">{t('navCertifications')}</h2>
          {mine.certifications.length === 0 ? <p>{t('noItems')}</p> : null}
          <ul class="cards" aria-labelledby="my-certifications-title">
            {mine.certifications.map((item) => (
              <CertificationCard
                key={item.certificationId}
                i18n={i18n}
                item={item}
                names={names}
                reference={reference}
                onDone={() => undefined}
                readOnly
              />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
