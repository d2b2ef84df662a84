import { describe, expect, it } from 'vitest';
import { sameOriginPath } from './return-to.ts';

const console_ = 'http://127.0.0.1:4100';

describe('where the browser may go after signing in', () => {
  it('keeps a path of the console with its query and hash route', () => {
    expect(sameOriginPath('/', console_)).toBe('/');
    expect(sameOriginPath('/#/cases/c-1?tab=2', console_)).toBe('/#/cases/c-1?tab=2');
    expect(sameOriginPath('/x/../#/inbox', console_)).toBe('/#/inbox');
    // An encoded backslash stays a path segment here: harmless.
    expect(sameOriginPath('/%5Cevil', console_)).toBe('/%5Cevil');
  });

  it('refuses anything that could leave the console', () => {
    for (const returnTo of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      '/\tevil',
      '',
      'cases',
    ])
      expect(sameOriginPath(returnTo, console_), returnTo).toBeNull();
  });
});
