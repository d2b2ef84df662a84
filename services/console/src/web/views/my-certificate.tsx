// A mediator's own certificate, at the top of their cases: the user is linked to their mediator
// record by the token's `sub` (mediator-training lists a mediator only their own records), and the
// record says which certificate is valid and until when. Nothing is shown to a user who has no
// mediator record.
import { useEffect, useState } from 'preact/hooks';
import { Notice } from '../components.tsx';
import { useI18n } from '../i18n.ts';
import { get, type Page } from '../lib/api.ts';

type Certification = { certificationId: string; validUntil: string; status: string };
type MediatorRecord = { certifications: Certification[] };

const dayMs = 86_400_000;
/** As the coordinator's list of certificates expiring soon. */
const soonDays = 60;

export function MyCertificate() {
  const i18n = useI18n();
  const { t } = i18n;
  const [state, setState] = useState<{ current: Certification | null } | null>(null);

  useEffect(() => {
    void (async () => {
      const mine = await get<Page<{ mediatorId: string }>>('mediator-training', '/mediators?limit=1');
      const mediator = mine.items[0];
      if (!mediator) return;
      const record = await get<MediatorRecord>(
        'mediator-training',
        `/mediators/${encodeURIComponent(mediator.mediatorId)}/record`,
      );
      const valid = record.certifications
        .filter((c) => c.status === 'valid')
        .sort((a, b) => (a.validUntil < b.validUntil ? 1 : -1));
      setState({ current: valid[0] ?? null });
    })().catch(() => undefined);
  }, []);

  if (!state) return null;
  if (!state.current)
    return (
      <div id="my-certificate">
        <Notice kind="warning">{t('noValidCertificate')}</Notice>
      </div>
    );
  const daysLeft = Math.ceil((Date.parse(state.current.validUntil) - Date.now()) / dayMs);
  return (
    <div id="my-certificate">
      <Notice kind={daysLeft <= soonDays ? 'warning' : 'info'}>
        {t('myCertificate', { date: i18n.date(state.current.validUntil), days: daysLeft })}
      </Notice>
    </div>
  );
}
