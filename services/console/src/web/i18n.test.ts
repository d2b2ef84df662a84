// Both languages say everything, and Kazakh dates read as Kazakh even where the browser has no
// Kazakh locale data.
import { describe, expect, it } from 'vitest';
import { kazakhDate, translator } from './i18n.ts';
import { messages } from './messages.ts';

describe('the console’s words', () => {
  it('has every message in Kazakh and in Russian, none left empty or untranslated', () => {
    expect(Object.keys(messages.kk).sort()).toEqual(Object.keys(messages.ru).sort());
    for (const [key, text] of Object.entries(messages.kk)) {
      expect(text.trim(), key).not.toBe('');
      // Placeholders survive translation: the same {names} in both.
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(text), key).toEqual(names(messages.ru[key as keyof typeof messages.ru]));
    }
  });

  it('fills placeholders', () => {
    expect(translator('ru').t('caseTitle', { number: 'EM-2026-75-000001' })).toBe('Дело EM-2026-75-000001');
  });

  it('writes a Kazakh date in Almaty time, day and month in words', () => {
    expect(kazakhDate(new Date('2026-12-03T08:22:00Z'), true)).toBe('2026 ж. 3 желтоқсан, 13:22');
    expect(kazakhDate(new Date('2026-01-31T20:00:00Z'), false)).toBe('2026 ж. 1 ақпан');
  });

  it('formats numbers with the Russian and Kazakh decimal comma', () => {
    expect(translator('ru').number(12.5, 1)).toBe('12,5');
    expect(translator('kk').number(12.5, 1)).toBe('12,5');
  });
});
