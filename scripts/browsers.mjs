// Where the test browsers are. Test tools cannot download their own browsers on these
// machines, so the tests use the system's Chromium and Firefox (Debian's packages).
import { existsSync } from 'node:fs';

const chromiumCandidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const firefoxCandidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];

/** @returns {string | undefined} */
export function findChromium() {
  return chromiumCandidates.find((path) => path && existsSync(path));
}

/** @returns {string | undefined} */
export function findFirefox() {
  return firefoxCandidates.find((path) => path && existsSync(path));
}

/** Chromium flags for a machine without internet: it must not keep trying to reach Google. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** @param {string | undefined} path @param {string} name */
export function required(path, name) {
  if (!path) throw new Error(`${name} was not found: run "node scripts/ensure-browsers.mjs" (or set ${name === 'Chromium' ? 'CHROME_PATH' : 'FIREFOX_PATH'})`);
  return path;
}
