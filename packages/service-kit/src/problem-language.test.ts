import { describe, expect, it } from 'vitest';
import { listOf, negotiateLanguage, problemTexts, say, wordsFor } from './problem-language.ts';

describe('negotiating the language of a problem', () => {
  it('takes the highest q among kk, ru and en, matching on the primary subtag', () => {
    expect(negotiateLanguage('ru-RU,ru;q=0.9,en;q=0.8')).toBe('ru');
    expect(negotiateLanguage('en;q=0.5, kk-KZ;q=0.9')).toBe('kk');
    expect(negotiateLanguage('de, ru;q=0.3')).toBe('ru');
  });

  it('lets the first listed win a tie and q=0 exclude a language', () => {
    expect(negotiateLanguage('kk, ru')).toBe('kk');
    expect(negotiateLanguage('kk;q=0, ru;q=0.1')).toBe('ru');
  });

  it('answers in English when nothing asked for is spoken, or nothing is asked', () => {
    expect(negotiateLanguage('de-DE, fr;q=0.8')).toBe('en');
    expect(negotiateLanguage('*')).toBe('en');
    expect(negotiateLanguage('')).toBe('en');
    expect(negotiateLanguage(undefined)).toBe('en');
    expect(negotiateLanguage('ru;q=abc')).toBe('en');
  });
});

describe('texts built from a problem’s members', () => {
  const texts = problemTexts({
    'assignment.refused': {
      kk: (members) =>
        `Болмайды: ${listOf(wordsFor(members, 'failedConditions', { a: 'бір', b: 'екі' }), 'kk')}.`,
      ru: 'Нельзя.',
    },
  });

  it('names listed codes in words, joined as the language joins them', () => {
    const members = { failedConditions: ['a', 'b', 'c'] };
    expect(say(texts['assignment.refused'].kk, members)).toBe('Болмайды: бір, екі және c.');
    expect(listOf(['один'], 'ru')).toBe('один');
    expect(listOf(['a', 'b'], 'ru')).toBe('a и b');
  });

  it('says nothing for a text it cannot build, so the English detail stands', () => {
    expect(
      say(() => {
        throw new Error('no members');
      }, {}),
    ).toBeUndefined();
    expect(say(undefined, {})).toBeUndefined();
  });
});
