import { describe, expect, it } from 'vitest';
import {
  indicatorDirections,
  indicatorScales,
  maxIndicatorScore,
  scoreLabel,
} from './monitoring-vocabulary.ts';

describe('indicator scales', () => {
  it('give every score from 0 to the maximum its words in Kazakh and Russian, for each direction', () => {
    for (const direction of indicatorDirections.values) {
      const steps = indicatorScales[direction];
      expect(steps).toHaveLength(maxIndicatorScore + 1);
      for (const step of steps) {
        expect(step.kk.trim()).not.toBe('');
        expect(step.ru.trim()).not.toBe('');
      }
      expect(new Set(steps.map((step) => step.ru)).size).toBe(steps.length);
    }
  });

  it('name the most tension at the top of an escalating scale and the most calm at the top of a calming one', () => {
    expect(scoreLabel('escalating', maxIndicatorScore, 'ru')).toContain('напряжённость');
    expect(scoreLabel('calming', maxIndicatorScore, 'ru')).toContain('спокойствие');
  });
});
