// A printable document (an agreement to sign, a summary, a visit report) as a list of blocks,
// laid out on A4 by pdfkit in DejaVu Sans, a font that covers Kazakh Cyrillic (ә ғ қ ң ө ұ ү һ і),
// embedded as a subset. The font comes from the npm package `dejavu-fonts-ttf`, so a fresh install
// has it without any system font.
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';

export type DocumentBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  /** Label and value pairs, one a line. */
  | { kind: 'fields'; rows: readonly (readonly [string, string])[] }
  | {
      kind: 'table';
      header: readonly string[];
      rows: readonly (readonly string[])[];
      widths: readonly number[];
    }
  /** A line to sign for each signatory: their role, their name (or a blank to write it in). */
  | { kind: 'signatures'; labels: { signature: string; date: string }; signatories: readonly Signatory[] };

export type Signatory = { role: string; name: string | null };

export type PrintableDocument = {
  language: 'kk' | 'ru';
  title: string;
  /** A line under the title: the document's number and date. */
  subtitle: string;
  blocks: readonly DocumentBlock[];
  /** Printed at the foot of every page. */
  footer: string;
};

const require = createRequire(import.meta.url);
const fonts = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

const margin = 56;

/** The document as a PDF stream; it ends when the last page is written. */
export function renderPdf(document: PrintableDocument): Readable {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: margin, bottom: margin + 20, left: margin, right: margin },
    bufferPages: true,
    lang: document.language,
    info: { Title: document.title, Subject: document.subtitle, Producer: 'Kelisim' },
  });
  pdf.registerFont('regular', fonts.regular);
  pdf.registerFont('bold', fonts.bold);
  const width = pdf.page.width - 2 * margin;

  pdf.font('bold').fontSize(16).text(document.title, { align: 'center', width });
  pdf.moveDown(0.3).font('regular').fontSize(10).text(document.subtitle, { align: 'center', width });
  pdf.moveDown(1);
  for (const block of document.blocks) renderBlock(pdf, block, width);

  // The footer and page numbers, once every page exists.
  const range = pdf.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    pdf.switchToPage(range.start + i);
    const bottom = pdf.page.height - margin;
    pdf.page.margins.bottom = 0;
    pdf
      .font('regular')
      .fontSize(8)
      .fillColor('#555555')
      .text(`${document.footer} · ${i + 1}/${range.count}`, margin, bottom, { width, align: 'center' });
    pdf.fillColor('black');
  }
  pdf.end();
  return pdf;
}

function renderBlock(pdf: PDFKit.PDFDocument, block: DocumentBlock, width: number): void {
  const left = margin;
  switch (block.kind) {
    case 'heading':
      pdf.moveDown(0.6).font('bold').fontSize(12).text(block.text, left, undefined, { width });
      pdf.moveDown(0.3);
      return;
    case 'paragraph':
      pdf.font('regular').fontSize(10.5).text(block.text, left, undefined, { width });
      pdf.moveDown(0.5);
      return;
    case 'fields':
      for (const [label, value] of block.rows) {
        pdf.font('bold').fontSize(10).text(`${label}: `, left, undefined, { continued: true, width });
        pdf.font('regular').text(value);
      }
      pdf.moveDown(0.5);
      return;
    case 'table':
      renderTable(pdf, block, width);
      return;
    case 'signatures':
      pdf.moveDown(1);
      for (const signatory of block.signatories) {
        if (pdf.y > pdf.page.height - 160) pdf.addPage();
        const y = pdf.y;
        pdf
          .font('bold')
          .fontSize(10)
          .text(signatory.role, left, y, { width: width * 0.4 });
        pdf.font('regular').text(signatory.name ?? '', left, undefined, { width: width * 0.4 });
        const lineY = y + 28;
        const signX = left + width * 0.45;
        pdf
          .moveTo(signX, lineY)
          .lineTo(signX + width * 0.3, lineY)
          .stroke();
        pdf
          .moveTo(signX + width * 0.35, lineY)
          .lineTo(left + width, lineY)
          .stroke();
        pdf.fontSize(7.5).fillColor('#555555');
        pdf.text(block.labels.signature, signX, lineY + 3, { width: width * 0.3, align: 'center' });
        pdf.text(block.labels.date, signX + width * 0.35, lineY + 3, { width: width * 0.2, align: 'center' });
        pdf.fillColor('black');
        pdf.x = left;
        pdf.y = lineY + 26;
      }
      return;
  }
}

function renderTable(
  pdf: PDFKit.PDFDocument,
  block: Extract<DocumentBlock, { kind: 'table' }>,
  width: number,
): void {
  const total = block.widths.reduce((sum, w) => sum + w, 0);
  const columns = block.widths.map((w) => (w / total) * width);
  const row = (cells: readonly string[], bold: boolean) => {
    pdf.font(bold ? 'bold' : 'regular').fontSize(9);
    const heights = cells.map((cell, i) => pdf.heightOfString(cell, { width: (columns[i] ?? 0) - 6 }));
    const height = Math.max(...heights) + 6;
    if (pdf.y + height > pdf.page.height - margin - 20) pdf.addPage();
    const top = pdf.y;
    let x = margin;
    for (const [i, cell] of cells.entries()) {
      const w = columns[i] ?? 0;
      pdf.rect(x, top, w, height).stroke('#999999');
      pdf.fillColor('black').text(cell, x + 3, top + 3, { width: w - 6 });
      x += w;
    }
    pdf.x = margin;
    pdf.y = top + height;
  };
  row(block.header, true);
  for (const cells of block.rows) row(cells, false);
  pdf.moveDown(0.8);
}
