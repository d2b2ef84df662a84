import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { pdfFonts, pdfPages, pdfText } from '../testing/pdf-readback.ts';
import { renderPdf } from './printable-document.ts';

const kazakhLetters = 'ӘәҒғҚқҢңӨөҰұҮүҺһІі';

const agreement = () =>
  renderPdf({
    language: 'kk',
    title: 'Медиативтік келісім',
    subtitle: 'EM-2026-750000000-000001 · 2026-12-07',
    footer: 'Kelisim',
    blocks: [
      { kind: 'fields', rows: [['Іс нөмірі', 'EM-2026-750000000-000001']] },
      { kind: 'paragraph', text: `Барлық әріптер: ${kazakhLetters}.` },
      {
        kind: 'table',
        header: ['Көрсеткіш', 'Бағасы'],
        rows: [['Өңірдегі шиеленіс', '3']],
        widths: [3, 1],
      },
      {
        kind: 'signatures',
        labels: { signature: 'қолы', date: 'күні' },
        signatories: [
          { role: 'Тарап', name: 'Әсел Ғабитқызы' },
          { role: 'Медиатор', name: null },
        ],
      },
    ],
  });

describe('printable documents', () => {
  it('Kazakh Cyrillic comes back from the PDF as text, every letter intact, in an embedded font', async () => {
    const pdf = await buffer(agreement());
    const text = await pdfText(pdf);
    expect(text).toContain('Медиативтік келісім');
    expect(text).toContain(`Барлық әріптер: ${kazakhLetters}.`);
    expect(text).toContain('Әсел Ғабитқызы');
    expect(text).toContain('Өңірдегі шиеленіс');
    expect(text).toContain('1/1');
    const fonts = await pdfFonts(pdf);
    expect(fonts).toMatch(/DejaVuSans\s.*yes/);
  });

  it('the PDF renders to an image of one A4 page', async () => {
    const pages = await pdfPages(await buffer(agreement()));
    expect(pages).toHaveLength(1);
    const png = pages[0] as Buffer;
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // Width and height from the PNG header at 50 dpi: A4 is 8.27 × 11.69 in.
    expect(Math.abs(png.readUInt32BE(16) - 413.5)).toBeLessThan(1);
    expect(Math.abs(png.readUInt32BE(20) - 584.5)).toBeLessThan(1);
  });
});
