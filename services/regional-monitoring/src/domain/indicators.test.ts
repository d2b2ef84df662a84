import { describe, expect, it } from 'vitest';
import { addIndicator, defaultIndicators, editIndicator, tensionOf } from './indicators.ts';

describe('indicator catalogue', () => {
  const rumours = defaultIndicators.find((i) => i.code === 'rumours')!;

  it('an edit changes what is given and never the code', () => {
    const edited = editIndicator(rumours, { weight: 0.9, active: false });
    expect(edited).toMatchObject({ code: 'rumours', weight: 0.9, active: false, direction: 'escalating' });
    expect(edited.labels).toEqual(rumours.labels);
  });

  it('an indicator is added once', () => {
    expect(() => addIndicator(rumours, rumours)).toThrow(expect.objectContaining({ status: 409 }));
    expect(addIndicator(null, { ...rumours, code: 'hate_graffiti' }).code).toBe('hate_graffiti');
  });

  it('tension reads a calming indicator the other way round', () => {
    expect(tensionOf('escalating', 4)).toBe(1);
    expect(tensionOf('calming', 4)).toBe(0);
    expect(tensionOf('calming', 1)).toBe(0.75);
  });
});
