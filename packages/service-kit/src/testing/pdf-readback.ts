// Reads a PDF back the way a person's tools would: poppler's pdftotext for its text (a glyph the
// font lacks comes back missing or as another letter) and pdftoppm for its pages as images.
// poppler-utils is installed by scripts/ensure-poppler-utils.sh before the tests run.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function withFile<T>(pdf: Buffer, use: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'kelisim-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    await writeFile(file, pdf);
    return await use(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The document's text in reading order, pages separated by form feeds. */
export function pdfText(pdf: Buffer): Promise<string> {
  return withFile(
    pdf,
    async (file) => (await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'])).stdout,
  );
}

/** Each page rendered to PNG at `dpi`. */
export function pdfPages(pdf: Buffer, dpi = 50): Promise<Buffer[]> {
  return withFile(pdf, async (file, dir) => {
    await run('pdftoppm', ['-png', '-r', String(dpi), file, join(dir, 'page')]);
    const pages = (await readdir(dir)).filter((name) => name.endsWith('.png')).sort();
    return Promise.all(pages.map((name) => readFile(join(dir, name))));
  });
}

/** The fonts the PDF uses, as pdffonts lists them (name, type, embedded). */
export async function pdfFonts(pdf: Buffer): Promise<string> {
  return withFile(pdf, async (file) => (await run('pdffonts', [file])).stdout);
}
