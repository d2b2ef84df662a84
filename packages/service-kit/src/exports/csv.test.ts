import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from './csv.ts';

describe('CSV fields', () => {
  it('a field with a comma, a quote or a line break is quoted, its quotes doubled', () => {
    expect(csvField('Алматы, Медеу')).toBe('"Алматы, Медеу"');
    expect(csvField('ол "келісім" деді')).toBe('"ол ""келісім"" деді"');
    expect(csvField('бірінші\nекінші')).toBe('"бірінші\nекінші"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
  });

  it('a plain field, a number, a boolean and an empty cell are written as they are', () => {
    expect(csvLine(['EM-2026-75-000001', 3, true, null, 'қҚңөұүһі'])).toBe(
      'EM-2026-75-000001,3,true,,қҚңөұүһі\r\n',
    );
  });

  it('a text a spreadsheet would run as a formula is kept as text', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+7 701')).toBe("'+7 701");
    expect(csvField('@sum')).toBe("'@sum");
    expect(csvField(-3)).toBe('-3');
  });
});
