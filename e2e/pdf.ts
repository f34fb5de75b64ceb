import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import type { Page } from '@playwright/test';

/** Runs one of poppler-utils' tools, saying what to install when it is missing. */
export function poppler(tool: 'pdftotext' | 'pdftoppm', args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} is missing: install Debian's poppler-utils (apt-get install -y poppler-utils), as .ci/run does`);
    }
    throw error;
  }
}

/**
 * Prints the page as "Save as PDF" would, then reads its text and renders its pages to PNG: the
 * images a person looks at, the text a test checks. `text`: the PDF's words in document order
 * (`-raw`), whitespace folded. `compact`: the same with no whitespace at all, for names and
 * addresses that a line may break inside.
 */
export async function printToPdf(page: Page, path: string, outputDir: string): Promise<{ text: string; compact: string; pages: string[] }> {
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path, format: 'A4', preferCSSPageSize: true });
  const text = poppler('pdftotext', ['-raw', '-enc', 'UTF-8', path, '-']);
  const prefix = path.replace(/\.pdf$/, '-page');
  poppler('pdftoppm', ['-png', '-r', '70', path, prefix]);
  const stem = prefix.split('/').pop() ?? '';
  const pages = readdirSync(outputDir)
    .filter((name) => name.startsWith(stem) && name.endsWith('.png'))
    .sort()
    .map((name) => `${outputDir}/${name}`);
  return { text: text.replace(/\s+/g, ' '), compact: text.replace(/\s+/g, ''), pages };
}
