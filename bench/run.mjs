// npm run bench: figures measured in real Chromium against the real emulator, printed as
// a table and written to bench/results.json. Medians of repeated runs; each comparison
// is measured side by side in the same run.
import { writeFile } from 'node:fs/promises';
import { chromium } from 'playwright';
import { startDevServer } from '../build/server/dev-server.js';
import { chromiumArgs, findChromium, required } from '../scripts/browsers.mjs';
import { measureCookieBytes } from './cookie-bytes.mjs';
import { measureFirstOpen } from './first-open.mjs';
import { measureHandoff } from './handoff.mjs';
import { measureHandover } from './handover.mjs';
import { measureRestore } from './restore-time.mjs';
import { measureSignedInRestore } from './signed-in-restore.mjs';
import { measureSizes } from './sizes.mjs';
import { measureStartup } from './startup.mjs';
import { measureTranscript } from './transcript.mjs';
import { measureUploads } from './uploads.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 7);
const server = await startDevServer({ port: 0 });
// The baseline's blank page is served by Playwright's router rather than from loopback, so
// Chromium's Local Network Access checks would stop it from reaching the emulator.
const browser = await chromium.launch({
  executablePath: required(findChromium(), 'Chromium'),
  args: [...chromiumArgs, '--disable-features=LocalNetworkAccessChecks'],
});
const origin = (host) => `http://${host}:${server.port}`;

try {
  const rows = [
    ...(await measureSizes()),
    ...(await measureCookieBytes(browser, origin)),
    ...(await measureStartup(browser, origin)),
    ...(await measureRestore(browser, origin, server, runs)),
    ...(await measureSignedInRestore(browser, origin, server, runs)),
    ...(await measureFirstOpen(browser, origin, runs)),
    ...(await measureHandover(browser, origin, runs)),
    ...(await measureHandoff(browser, origin, Math.min(runs, 5))),
    ...(await measureTranscript(browser, origin, Math.min(runs, 5))),
    ...(await measureUploads(browser, origin, runs)),
  ];
  printTable(rows);
  const results = { takenAt: new Date().toISOString(), runs, machine: `${process.platform} ${process.arch}, node ${process.version}`, rows };
  await writeFile(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  console.log('\nwritten to bench/results.json');
} finally {
  await browser.close();
  await server.close();
}

/** Targets are the README's (Performance); a figure past its target is marked, not failed: time is noisy. */
function printTable(rows) {
  const header = ['figure', 'median', 'target', 'baseline', 'ratio'];
  const lines = rows.map((row) => [
    row.figure,
    `${row.value} ${row.unit}`,
    row.target === undefined ? '' : `≤ ${row.target} ${row.unit}${row.value > row.target ? '  (missed)' : ''}`,
    row.baseline === undefined ? '' : `${row.baseline} ${row.unit} (${row.baselineLabel})`,
    // How many times as good as the baseline: faster (times), or more per second (`higherIsBetter`).
    row.baseline === undefined ? '' : `${(row.higherIsBetter ? row.value / row.baseline : row.baseline / row.value).toFixed(2)}×`,
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i].length)));
  const format = (cells) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ');
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of lines) console.log(format(line));
}
