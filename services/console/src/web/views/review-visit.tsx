// A supervisor outside the team reviews a submitted visit: approve, or return with a comment.
import { useState } from 'preact/hooks';
import { Field } from '../components.tsx';
import { useI18n } from '../i18n.ts';
import type { VisitCommand } from '../view-types.ts';

export function ReviewVisit({ command }: { command: VisitCommand }) {
  const { t } = useI18n();
  const [comment, setComment] = useState('');
  return (
    <form class="card" onSubmit={(e) => e.preventDefault()} aria-labelledby="review-title">
      <h2 id="review-title">{t('visitReview')}</h2>
      <Field id="review-comment" label={t('returnComment')}>
        {() => (
          <textarea
            id="review-comment"
            rows={2}
            value={comment}
            onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)}
          />
        )}
      </Field>
      <div class="actions-row">
        <button type="button" class="primary" onClick={() => command('review', { decision: 'approved' })}>
          {t('approve')}
        </button>
        <button
          type="button"
          onClick={() =>
            command('review', {
              decision: 'returned',
              comment: comment.trim() === '' ? null : comment.trim(),
            })
          }
        >
          {t('returnVisit')}
        </button>
      </div>
    </form>
  );
}
