// The severity of an event for the rules, where the event does not simply carry one.
import type { AlertSeverity } from '@kelisim/contracts/reference/alert-vocabulary';
import type { Urgency } from '@kelisim/contracts/reference/case-vocabulary';
import type { RiskBand } from '@kelisim/contracts/reference/monitoring-vocabulary';
import { maxSeverity } from './severity.ts';

/** A mediator escalating a case asks the groups for help: at least high, whatever the urgency. */
export function escalatedCaseSeverity(urgency: Urgency): AlertSeverity {
  return maxSeverity(urgency, 'high');
}

const severityOfBand: Record<RiskBand, AlertSeverity> = {
  low: 'low',
  elevated: 'medium',
  high: 'high',
  critical: 'critical',
};

/**
 * A rising band alerts with the band's severity; a falling one is good news, severity low (below
 * the default rule's minimum, so that an administrator may still subscribe to it).
 */
export function riskChangeSeverity(direction: 'rising' | 'falling', band: RiskBand): AlertSeverity {
  return direction === 'rising' ? severityOfBand[band] : 'low';
}

/** The nearer a certificate's expiry, the more it matters: a week or less high, a month medium. */
export function expirySeverity(daysLeft: number): AlertSeverity {
  if (daysLeft <= 7) return 'high';
  if (daysLeft <= 30) return 'medium';
  return 'low';
}

/**
 * An expired certificate is high: the mediator can take no new case until renewed, and the cases
 * they hold may need another mediator.
 */
export const expiredCertificationSeverity: AlertSeverity = 'high';
