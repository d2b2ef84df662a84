// A visit's approval issues the recommendations drafted on it: each draft becomes open with its
// `recommendation.issued`, in its own commit through the runner. Issuing is idempotent (a draft
// already issued is left as it is), so the approval delivered again, or a draft issued both here
// and by the request that wrote it while the visit was being approved, is issued once.
import type { ReviewDecision } from '@kelisim/contracts/reference/monitoring-vocabulary';
import type { DecisionContext } from '@kelisim/service-kit/commands/decision';
import type { CommandRunner } from '@kelisim/service-kit/commands/run-command';
import { issueOnApproval, type Recommendation } from '../domain/recommendation.ts';
import type { RecommendationStore } from '../store/recommendation-store.ts';

export type VisitReview = { visitId: string; decision: ReviewDecision };

/** Issues the drafts of an approved visit; a returned visit keeps its drafts as they are. */
export async function issueDrafts(
  runner: CommandRunner<Recommendation>,
  recommendations: RecommendationStore,
  review: VisitReview,
  ctx: DecisionContext,
): Promise<void> {
  if (review.decision !== 'approved') return;
  for (const draft of await recommendations.draftsOf(review.visitId)) {
    await runner.run({
      id: draft._id,
      now: ctx.now,
      decide: (current) => issueOnApproval(current, review, ctx),
    });
  }
}
