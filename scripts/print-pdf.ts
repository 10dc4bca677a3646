import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { badInput } from '../db/errors';
import { CHROMIUM_ARGS, type ChromiumFound, findChromium } from './find-chromium';

/*
 * The CLI's PDF: the report's self-contained HTML printed by headless Chromium (the app prints
 * the same HTML with Electron's printToPDF). Chromium runs with a fresh profile in a temp folder
 * that is removed afterwards, and never touches the network (the HTML refuses remote loads).
 */

export const NO_CHROMIUM_FOR_PDF = [
  'A PDF report is printed with Chromium or Google Chrome, and none was found on this machine. Either:',
  '  - install one: sudo apt-get install -y chromium (Debian/Ubuntu), or Chromium / Google Chrome for your OS,',
  '    or point UPTAKE_CHROMIUM at its binary (UPTAKE_CHROMIUM=/path/to/chrome uptake report --format pdf --out report.pdf); or',
  '  - write the HTML report and print it to PDF from any browser: uptake report --format html --out report.html',
].join('\n');

/** The Chromium to print with; a clear user error when there is none. */
export async function chromiumForPdf(): Promise<ChromiumFound> {
  let found: ChromiumFound | null;
  try {
    found = await findChromium();
  } catch (e) {
    throw badInput(`${(e as Error).message} Fix or unset UPTAKE_CHROMIUM, or write the HTML report instead (--format html).`);
  }
  if (!found) throw badInput(NO_CHROMIUM_FOR_PDF);
  return found;
}

/** Chromium failed to print: not the user's input (exit code 2), but the message says what to do instead. */
export class PrintError extends Error {
  override readonly name = 'PrintError';
}

/** The command line that prints `htmlFile` to `pdfFile`. */
export function printArgs(htmlFile: string, pdfFile: string, profileDir: string): string[] {
  return [
    ...CHROMIUM_ARGS,
    `--user-data-dir=${profileDir}`,
    '--no-pdf-header-footer',
    `--print-to-pdf=${pdfFile}`,
    pathToFileURL(htmlFile).href,
  ];
}

/** Prints an HTML document to PDF with the Chromium at `chromium`; resolves to the PDF's bytes. */
export async function printHtmlToPdf(html: string, chromium: string, timeoutMs = 90_000): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-pdf-'));
  try {
    const htmlFile = path.join(dir, 'report.html');
    const pdfFile = path.join(dir, 'report.pdf');
    fs.writeFileSync(htmlFile, html);
    const { code, stderr, timedOut } = await run(chromium, printArgs(htmlFile, pdfFile, path.join(dir, 'profile')), timeoutMs);
    const pdf = fs.existsSync(pdfFile) ? fs.readFileSync(pdfFile) : null;
    if (pdf?.subarray(0, 5).toString('latin1') !== '%PDF-') {
      const why = timedOut ? `did not finish within ${Math.round(timeoutMs / 1000)} s` : `exited with code ${code ?? 'none'} without a PDF`;
      const tail = stderr.trim().split('\n').slice(-8).join('\n');
      throw new PrintError(
        `Chromium (${chromium}) ${why}.${tail ? `\nIts last messages:\n${tail}` : ''}\nWrite the HTML report instead (--format html) and print it to PDF from a browser.`,
      );
    }
    return pdf;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], timeoutMs: number): Promise<{ code: number | null; stderr: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a Chromium that hangs is stopped with all of its helper processes.
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: process.platform !== 'win32' });
    let stderr = '';
    let timedOut = false;
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-20_000);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    }, timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new PrintError(`Could not start Chromium (${command}): ${e.message}`));
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, timedOut });
    });
  });
}
