// The coordinator's view: mediators, courses, and certifications expiring soon.
import { useI18n } from '../i18n.ts';
import type { Reference } from '../lib/reference.ts';

export function Training(_props: { reference: Reference }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="training-title">
      <h1 id="training-title">{t('trainingTitle')}</h1>
    </section>
  );
}
