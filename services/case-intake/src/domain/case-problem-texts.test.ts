import { say } from '@kelisim/service-kit/problem-language';
import { describe, expect, it } from 'vitest';
import type { AssignmentCondition } from './assignment-guard.ts';
import { caseProblemTexts } from './case-problem-texts.ts';

const every: AssignmentCondition[] = [
  'mediator_known',
  'mediator_active',
  'all_parties_consented',
  'valid_certification',
  'covers_region',
  'speaks_party_language',
  'not_a_party',
];

describe('a refused assignment in words', () => {
  it('names every failed condition in Kazakh, Russian and English, with no machine word left', () => {
    const refused = caseProblemTexts['assignment.refused'];
    for (const language of ['kk', 'ru', 'en'] as const) {
      const sentence = say(refused[language], { failedConditions: every });
      expect(sentence).toBeDefined();
      expect(sentence).not.toMatch(/_/);
    }
  });

  it('reads as one sentence for the certificate a mediator lacks', () => {
    const refused = caseProblemTexts['assignment.refused'];
    const members = { failedConditions: ['valid_certification'] };
    expect(say(refused.kk, members)).toBe('Медиаторды тағайындау мүмкін емес: жарамды сертификаты жоқ.');
    expect(say(refused.ru, members)).toBe('Нельзя назначить медиатора: нет действующего сертификата.');
    expect(say(refused.en, members)).toBe('The mediator cannot be assigned: no valid certification.');
  });
});
