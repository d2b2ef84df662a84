import { districtsOf, regions } from '@kelisim/contracts/reference/regions';
import { describe, expect, it } from 'vitest';
import { buildSeedPlan, caseTargets, progressOf } from './plan.ts';

const plan = buildSeedPlan({ regions, districtsOf });

describe('the seed plan', () => {
  it('is deterministic', () => {
    expect(buildSeedPlan({ regions, districtsOf })).toEqual(plan);
  });

  it('spreads over six regions, each with a district of its own', () => {
    expect(new Set(plan.regions).size).toBe(6);
    plan.districts.forEach((district, i) => {
      expect(districtsOf(plan.regions[i]!).map((d) => d.kato)).toContain(district);
    });
  });

  it('has unique keys for everything it creates', () => {
    const keys = [
      ...plan.courses.map((c) => c.key),
      ...plan.mediators.map((m) => m.key),
      ...plan.cases.map((c) => c.key),
      ...plan.visits.map((v) => v.key),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[\w.:-]{1,128}$/);
  });

  it('reaches every case state, certified and uncertified mediators in every region', () => {
    expect(new Set(plan.cases.map((c) => c.target))).toEqual(new Set(caseTargets));
    for (const region of plan.regions) {
      const here = plan.mediators.filter((m) => m.homeRegion === region);
      expect(here.map((m) => m.certified).sort()).toEqual([false, true]);
    }
    expect(plan.cases.some((c) => c.escalate)).toBe(true);
  });

  it('has visits, one of them poor', () => {
    expect(plan.visits.length).toBeGreaterThanOrEqual(3);
    expect(plan.visits.filter((v) => v.poor)).toHaveLength(1);
    for (const visit of plan.visits) expect(visit.reviewer).not.toBe(visit.supervisor);
  });

  it('orders case states so that a rerun skips what is done', () => {
    expect(progressOf('registered')).toBeLessThan(progressOf('closed'));
    expect(progressOf('declined')).toBe(Number.POSITIVE_INFINITY);
  });
});
