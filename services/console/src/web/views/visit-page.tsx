// One monitoring visit and the commands its state allows (regional-monitoring says which): start,
// findings per indicator and submit, review (approve, or return with a comment), and issuing
// recommendations. Commands carry If-Match; a stale one answers 412 and is shown as a conflict.
import {
  type IndicatorDirection,
  reviewDecisions,
  scoreLabel,
  visitStatuses,
} from '@kelisim/contracts/reference/monitoring-vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { Badge, Loading, Notice, problemText } from '../components.tsx';
import { capital, type Translator, useI18n } from '../i18n.ts';
import { call, get, type Problem } from '../lib/api.ts';
import { DocumentLink } from '../lib/downloads.tsx';
import { personText, teamText } from '../lib/people.ts';
import type { Reference } from '../lib/reference.ts';
import type { Session, Visit, VisitCommand } from '../view-types.ts';
import { visitCommands } from '../visit-words.ts';
import { IssueRecommendation } from './issue-recommendation.tsx';
import { PartnerName, usePartners } from './partner-pickers.tsx';
import { ReviewVisit } from './review-visit.tsx';
import { SubmitFindings } from './submit-findings.tsx';

export function VisitPage({
  visitId,
  reference,
  session,
}: {
  visitId: string;
  reference: Reference;
  session: Session;
}) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [visit, setVisit] = useState<{ item: Visit; etag: string } | null>(null);
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; say: (tr: Translator) => string } | null>(
    null,
  );

  const load = async () => {
    const answer = await call<Visit & Problem>('regional-monitoring', `/visits/${visitId}`);
    if (answer.ok) setVisit({ item: answer.json, etag: answer.etag ?? '' });
    else setNotice({ kind: 'error', say: (tr) => problemText(tr, answer.json) });
  };
  const [indicators, setIndicators] = useState<
    Map<string, { labels: { kk: string; ru: string }; direction: IndicatorDirection }>
  >(new Map());
  useEffect(() => {
    void load();
  }, [visitId]);
  const partnersMet = usePartners(visit?.item.partnersMet ?? []);
  useEffect(() => {
    get<{ items: { code: string; labels: { kk: string; ru: string }; direction: IndicatorDirection }[] }>(
      'regional-monitoring',
      '/indicators',
    )
      .then((page) => setIndicators(new Map(page.items.map((i) => [i.code, i]))))
      .catch(() => undefined);
  }, []);

  const command: VisitCommand = async (path, body) => {
    setNotice(null);
    const answer = await call<Problem>('regional-monitoring', `/visits/${visitId}/${path}`, {
      body,
      ifMatch: visit?.etag,
    });
    if (answer.ok) {
      setNotice({
        kind: 'success',
        say: (tr) => tr.t('commandDone', { action: visitCommands.label(path, tr.lang) }),
      });
      await load();
      return true;
    }
    setNotice({
      kind: 'error',
      say: (tr) => (answer.status === 412 ? tr.t('conflict') : problemText(tr, answer.json)),
    });
    return false;
  };

  if (!visit) return notice ? <Notice kind="error">{notice.say(i18n)}</Notice> : <Loading />;
  const item = visit.item;
  const can = (name: string) => item.allowedCommands.includes(name);
  const inTeam = item.team.includes(session.sub) || item.leadSupervisorId === session.sub;

  return (
    <article aria-labelledby="visit-title">
      <h1 id="visit-title">
        {reference.name(item.region, lang)}: {i18n.date(item.plannedFrom)} – {i18n.date(item.plannedTo)}
      </h1>
      <div class="meta">
        <Badge tone="status">{capital(visitStatuses.label(item.status, lang))}</Badge>
      </div>
      {notice ? <Notice kind={notice.kind}>{notice.say(i18n)}</Notice> : null}
      <p class="muted">
        {t('teamMembers')}: {teamText(item.team, session, i18n)}
      </p>
      <p class="downloads">
        <DocumentLink
          service="regional-monitoring"
          path={`/visits/${item.id}/report`}
          label="printVisitReport"
        />
      </p>
      {item.findings.length > 0 ? (
        <section aria-labelledby="findings-title">
          <h2 id="findings-title">{t('findings')}</h2>
          <ul>
            {item.findings.map((finding) => {
              const indicator = indicators.get(finding.indicator);
              return (
                <li key={finding.indicator}>
                  {indicator?.labels[lang] ?? '…'}:{' '}
                  {indicator
                    ? t('scoreStep', {
                        score: i18n.number(finding.score),
                        words: scoreLabel(indicator.direction, finding.score, lang),
                      })
                    : i18n.number(finding.score)}
                  {finding.note ? ` — ${finding.note}` : ''}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      {item.status !== 'planned' && item.status !== 'in_progress' ? (
        <section aria-labelledby="partners-met-title">
          <h2 id="partners-met-title">{t('partnersMetTitle')}</h2>
          {item.partnersMet.length === 0 ? (
            <p class="muted">{t('partnersMetNone')}</p>
          ) : (
            <ul id="partners-met">
              {item.partnersMet.map((partnerId) => (
                <li key={partnerId}>
                  <PartnerName partner={partnersMet.get(partnerId)} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {item.reviews.map((review) => (
        <p key={review.reviewedAt} class={review.decision === 'returned' ? 'escalation' : 'acknowledged'}>
          {capital(reviewDecisions.label(review.decision, lang))} ·{' '}
          {personText(review.reviewedBy, session, i18n)} · {i18n.dateTime(review.reviewedAt)}
          {review.comment ? ` — ${review.comment}` : ''}
        </p>
      ))}
      {can('start') && inTeam ? (
        <button type="button" class="primary" onClick={() => command('start', {})}>
          {t('visitStart')}
        </button>
      ) : null}
      {can('submit') && inTeam ? <SubmitFindings command={command} region={item.region} /> : null}
      {can('review') && !inTeam ? <ReviewVisit command={command} /> : null}
      {can('issue-recommendation') ? (
        <IssueRecommendation visit={item} reference={reference} onIssued={load} />
      ) : null}
    </article>
  );
}
