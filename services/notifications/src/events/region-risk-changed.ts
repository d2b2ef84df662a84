import type { EventHandler } from '@kelisim/service-kit/consumer';
import { riskChangeSeverity } from '../domain/event-severity.ts';
import { type AlertingDeps, raiseAlerts } from './raise-alerts.ts';
import { resolveMatter } from './resolve-alerts.ts';

// The region's group and the republic hear of a band that rises (flow 3), with the drivers; a
// band that falls back resolves the region's risk alerts.
export function onRegionRiskChanged(deps: AlertingDeps): EventHandler<'region.risk-changed.v1'> {
  return async (event, { logger }) => {
    const { data } = event;
    if (data.direction === 'falling') {
      const resolved = await resolveMatter(event, deps);
      logger.info({ region: data.region, band: data.band, resolved }, 'risk fell: alerts resolved');
      return;
    }
    const severity = riskChangeSeverity(data.direction, data.band);
    const raised = await raiseAlerts(
      event,
      { severity, region: data.region, district: null },
      {
        band: data.band,
        previousBand: data.previousBand,
        score: Math.round(data.score),
        drivers: data.explanation.drivers.join(','),
      },
      deps,
    );
    logger.info({ region: data.region, band: data.band, raised }, 'risk changed: rules applied');
  };
}
