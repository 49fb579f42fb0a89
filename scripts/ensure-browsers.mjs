// Finds Chromium and Firefox for the tests; on a Debian machine where we are root, installs them.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium, findFirefox } from './browsers.mjs';

const installCommand = 'apt-get update && apt-get install -y chromium firefox-esr';

let chromium = findChromium();
let firefox = findFirefox();
if (!chromium || !firefox) {
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    console.error(`The tests need Chromium and Firefox. Install them with:\n  sudo ${installCommand}\nor point CHROME_PATH and FIREFOX_PATH at your own.`);
    process.exit(1);
  }
  console.log(`Installing the test browsers: ${installCommand}`);
  execFileSync('sh', ['-c', installCommand], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  chromium = findChromium();
  firefox = findFirefox();
}
if (!chromium || !firefox) {
  console.error('Chromium or Firefox is still missing after installing; set CHROME_PATH and FIREFOX_PATH.');
  process.exit(1);
}
console.log(`Test browsers: ${chromium}, ${firefox}`);
