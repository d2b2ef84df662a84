// The partners of the Assembly's network a case names (issue 27): the organisation it was referred
// to, and per session the premises it was held at and the organisations whose members took part,
// counted, never named. Partners are shown by name and kind from the directory, never by id.
import { sessionKinds } from '@kelisim/contracts/reference/case-vocabulary';
import { capital, useI18n } from '../i18n.ts';
import type { CaseView } from '../view-types.ts';
import { PartnerName, usePartners } from './partner-pickers.tsx';

export function CasePartners({ item }: { item: CaseView }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const partners = usePartners([
    ...(item.referralPartnerId ? [item.referralPartnerId] : []),
    ...item.sessions.flatMap((session) => [
      ...(session.venuePartnerId ? [session.venuePartnerId] : []),
      ...(session.partnerParticipants ?? []).map((participant) => participant.partnerId),
    ]),
  ]);
  return (
    <>
      {item.referralPartnerId ? (
        <p id="referral-partner">
          {t('referralPartner')}: <PartnerName partner={partners.get(item.referralPartnerId)} />
        </p>
      ) : null}
      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t('caseSessions')}</h2>
        {item.sessions.length === 0 ? <p class="muted">{t('noSessions')}</p> : null}
        <ul class="sessions">
          {item.sessions.map((session) => (
            <li key={session.sessionId} class="session">
              <strong>
                {t('sessionTitle', { n: i18n.number(session.number), date: i18n.date(session.heldOn) })}
              </strong>{' '}
              · {capital(sessionKinds.labels[session.kind as 'joint']?.[lang] ?? session.kind)}
              <br />
              {t('venue')}:{' '}
              {session.venuePartnerId ? (
                <PartnerName partner={partners.get(session.venuePartnerId)} />
              ) : (
                t('venueNone')
              )}
              {(session.partnerParticipants ?? []).length > 0 ? (
                <>
                  <br />
                  {t('partnerParticipantsShown')}:{' '}
                  {(session.partnerParticipants ?? []).map((participant, index) => (
                    <span key={participant.partnerId}>
                      {index > 0 ? '; ' : ''}
                      {t('participantsOf', {
                        organisation: partners.get(participant.partnerId)?.names[lang] ?? t('partnerUnread'),
                        count: i18n.number(participant.count),
                      })}
                    </span>
                  ))}
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
