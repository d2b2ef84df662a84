import { partnerKinds } from '@kelisim/contracts/reference/partner-vocabulary';
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
      ...plan.partners.map((p) => p.key),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[\w.:-]{1,128}$/);
  });

  it('reaches every case state, certified and uncertified mediators in every region', () => {
    expect(new Set(plan.cases.map((c) => c.target))).toEqual(new Set([...caseTargets, 'referred_out']));
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

  it('has partners of every kind in every region, named in Kazakh and Russian', () => {
    for (const region of plan.regions) {
      const here = plan.partners.filter((p) => p.region === region);
      expect(new Set(here.map((p) => p.kind))).toEqual(new Set(partnerKinds.values));
    }
    const zhambyl = plan.partners.filter((p) => p.region === '310000000');
    expect(zhambyl.find((p) => p.kind === 'house_of_friendship')?.names).toEqual({
      kk: 'Жамбыл облысы Қазақстан халқы Ассамблеясының Достық үйі',
      ru: 'Дом дружбы Жамбылской области',
    });
    expect(zhambyl.find((p) => p.kind === 'district_assembly')).toMatchObject({
      district: '311000000',
      names: {
        kk: 'Тараз қаласы Қазақстан халқы Ассамблеясы',
        ru: 'Ассамблея народа Казахстана города Тараз',
      },
    });
    for (const partner of plan.partners) {
      expect(partner.communities.length > 0).toBe(partner.kind === 'ethnocultural_association');
      expect(new Set([partner.names.kk, partner.names.ru]).size).toBe(2);
    }
  });

  it("uses the Assembly's network: a referral to a partner in every region, sessions at Houses of Friendship, partners met on visits", () => {
    const kindOf = (key: string | null) => plan.partners.find((p) => p.key === key)?.kind;
    for (const region of plan.regions) {
      const referred = plan.cases.filter((c) => c.region === region && c.target === 'referred_out');
      expect(referred).toHaveLength(1);
      expect(['council_of_elders', 'ethnocultural_association']).toContain(
        kindOf(referred[0]!.referralPartnerKey),
      );
    }
    // Only cases that reach a session name a venue, and every venue is a House of Friendship of the case's region.
    const sessionTargets = ['in_mediation', 'outcome', 'closed'];
    const atHouse = plan.cases.filter((c) => c.venuePartnerKey !== null);
    expect(atHouse.length).toBeGreaterThanOrEqual(3);
    expect(plan.cases.filter((c) => sessionTargets.includes(c.target)).length).toBeGreaterThan(
      atHouse.length,
    );
    for (const c of atHouse) {
      expect(sessionTargets).toContain(c.target);
      expect(kindOf(c.venuePartnerKey)).toBe('house_of_friendship');
      expect(plan.partners.find((p) => p.key === c.venuePartnerKey)?.region).toBe(c.region);
      expect(kindOf(c.participants?.partnerKey ?? null)).toBe('council_of_elders');
    }
    // Every visit meets partners of its own region, and its recommendation's owner is one of them.
    for (const visit of plan.visits) {
      expect(visit.partnersMetKeys.map(kindOf)).toEqual(['house_of_friendship', 'council_of_elders']);
      for (const key of visit.partnersMetKeys) {
        expect(plan.partners.find((p) => p.key === key)?.region).toBe(visit.region);
      }
      expect(visit.partnersMetKeys).toContain(visit.ownerPartnerKey);
    }
  });

  it('orders case states so that a rerun skips what is done', () => {
    expect(progressOf('registered')).toBeLessThan(progressOf('closed'));
    expect(progressOf('declined')).toBe(Number.POSITIVE_INFINITY);
  });
});
