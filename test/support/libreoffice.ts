import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { requireTool, runsWith } from './system-tools.js';

/** Whether the tests that open files in LibreOffice run here (skipped, said once, on a machine without it). */
export const withLibreOffice = (): boolean => runsWith('libreoffice');

/**
 * A LibreOffice profile that recalculates every formula when it loads a file: without it, LibreOffice keeps the
 * results cached in the XLSX, and a wrong formula would go unnoticed.
 */
function recalculatingProfile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spa-lo-profile-'));
  mkdirSync(join(dir, 'user'), { recursive: true });
  const item = (name: string) =>
    `<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="${name}" oor:op="fuse"><value>0</value></prop></item>`;
  writeFileSync(
    join(dir, 'user', 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n${item('OOXMLRecalcMode')}\n${item('ODFRecalcMode')}\n</oor:items>\n`,
  );
  return dir;
}

/**
 * Opens XLSX files in LibreOffice (headless) and saves each as CSV, values as shown (amounts as formatted, en-US):
 * what a person sees in a spreadsheet. Returns the CSV path of each file.
 */
export function xlsxToCsv(files: string[]): Map<string, string> {
  const binary = requireTool('libreoffice');
  const out = mkdtempSync(join(tmpdir(), 'spa-lo-out-'));
  // Separator ",", quote '"', UTF-8, from line 1, en-US, values as shown, no formulas.
  const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true,false,false';
  const r = spawnSync(
    binary,
    [
      `-env:UserInstallation=${pathToFileURL(recalculatingProfile()).href}`,
      '--headless',
      '--norestore',
      '--convert-to',
      filter,
      '--outdir',
      out,
      ...files,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (r.status !== 0) throw new Error(`LibreOffice failed (${r.status}): ${r.stderr}`);
  return new Map(files.map((f) => [f, join(out, basename(f).replace(/\.xlsx$/, '.csv'))]));
}
