import { describe, expect, it } from 'vitest';
import { alertChannels, alertResolutions, alertSeverities, groupLevels } from './alert-vocabulary.ts';
import {
  declineReasons,
  escalationReasons,
  referralReasons,
  referralTargets,
  reopenReasons,
  withdrawalReasons,
} from './case-reasons.ts';
import {
  caseCategories,
  caseStatuses,
  escalationLevelLabels,
  escalationLevelSchema,
  escalationLevels,
  followUpResults,
  outcomeKinds,
  partyKinds,
  riskFlags,
  sessionKinds,
  urgencies,
} from './case-vocabulary.ts';
import {
  indicatorDirections,
  recommendationStatuses,
  reviewDecisions,
  riskBands,
  riskFactors,
  visitStatuses,
} from './monitoring-vocabulary.ts';
import { certificationReasons, languages, mediatorStatuses, roles } from './people-vocabulary.ts';
import type { Vocabulary } from './vocabulary.ts';

const vocabularies: Record<string, Vocabulary<string>> = {
  caseCategories,
  urgencies,
  riskFlags,
  caseStatuses,
  outcomeKinds,
  partyKinds,
  sessionKinds,
  followUpResults,
  declineReasons,
  referralReasons,
  referralTargets,
  escalationReasons,
  withdrawalReasons,
  reopenReasons,
  roles,
  languages,
  mediatorStatuses,
  certificationReasons,
  riskBands,
  riskFactors,
  visitStatuses,
  reviewDecisions,
  indicatorDirections,
  recommendationStatuses,
  alertSeverities,
  alertChannels,
  groupLevels,
  alertResolutions,
};

describe('vocabularies', () => {
  it.each(Object.entries(vocabularies))(
    '%s has a Kazakh and a Russian label for every code',
    (_, vocabulary) => {
      for (const value of vocabulary.values) {
        expect(vocabulary.schema.parse(value)).toBe(value);
        expect(vocabulary.label(value, 'kk').trim()).not.toBe('');
        expect(vocabulary.label(value, 'ru').trim()).not.toBe('');
      }
      expect(vocabulary.schema.safeParse('not_a_code').success).toBe(false);
    },
  );

  it('lists the case categories of the design', () => {
    expect(caseCategories.values).toEqual([
      'neighbourhood',
      'land_and_property',
      'labour',
      'education',
      'religion',
      'language',
      'online_speech',
      'group_conflict',
      'family',
      'other',
    ]);
  });

  it('labels urgency in Kazakh and Russian, ordered low to critical', () => {
    expect(urgencies.labels).toEqual({
      low: { kk: 'төмен', ru: 'низкий' },
      medium: { kk: 'орташа', ru: 'средний' },
      high: { kk: 'жоғары', ru: 'высокий' },
      critical: { kk: 'өте жоғары', ru: 'критический' },
    });
    expect(urgencies.rank('critical')).toBeGreaterThan(urgencies.rank('high'));
    expect(riskBands.values).toEqual(['low', 'elevated', 'high', 'critical']);
  });

  it('has four escalation levels, local to republican', () => {
    expect(escalationLevels).toEqual([0, 1, 2, 3]);
    expect(escalationLevelLabels[3]).toEqual({ kk: 'республикалық топ', ru: 'республиканская группа' });
    expect(escalationLevelSchema.safeParse(4).success).toBe(false);
    expect(escalationLevelSchema.safeParse('1').success).toBe(false);
  });

  it('knows the roles and languages of the design', () => {
    expect(roles.values).toEqual(['mediator', 'group_member', 'supervisor', 'coordinator', 'admin']);
    expect(languages.values).toEqual(['kk', 'ru', 'other']);
  });
});
