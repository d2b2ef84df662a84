// Bands of the risk index with hysteresis: a band is entered when the score reaches its
// threshold and left only when the score drops `margin` points below it, so a score hovering
// at a threshold does not flap.
import { type RiskBand, riskBands } from '@kelisim/contracts/reference/monitoring-vocabulary';

/** The score at which each band is entered. */
export const bandThresholds: Readonly<Record<RiskBand, number>> = {
  low: 0,
  elevated: 25,
  high: 50,
  critical: 75,
};
export const hysteresisMargin = 5;

/** The band a score falls in with no history. */
export function rawBand(score: number): RiskBand {
  let band: RiskBand = 'low';
  for (const candidate of riskBands.values) if (score >= bandThresholds[candidate]) band = candidate;
  return band;
}

export function nextBand(previous: RiskBand | null, score: number): RiskBand {
  const raw = rawBand(score);
  if (previous === null || riskBands.rank(raw) >= riskBands.rank(previous)) return raw;
  // Falling: stay in the highest band (not above the previous one) whose threshold minus the
  // margin the score still reaches.
  let band: RiskBand = 'low';
  for (const candidate of riskBands.values) {
    if (riskBands.rank(candidate) > riskBands.rank(previous)) break;
    if (score >= bandThresholds[candidate] - (candidate === 'low' ? 0 : hysteresisMargin)) band = candidate;
  }
  return band;
}
