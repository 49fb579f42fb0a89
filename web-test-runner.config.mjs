// Unit and component tests, in real Chromium and Firefox, against the real emulator.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { readFile } from 'node:fs/promises';
import { startDevServer } from './build/server/dev-server.js';
import { withTrustedOrigins } from './build/server/hub-page.js';
import { chromiumArgs, findChromium, findFirefox, required } from './scripts/browsers.mjs';

/** @type {import('./build/server/dev-server.js').DevServer | undefined} */
let emulatorServer;

/** Starts the emulator beside the test server, and forwards `/emulator/*` (the admin API) to it. */
const emulatorPlugin = {
  name: 'emulator',
  async serverStart() {
    emulatorServer = await startDevServer({ port: 0, host: '127.0.0.1' });
  },
  async serverStop() {
    await emulatorServer?.close();
  },
};

/**
 * `executeServerCommand('bring-to-front')`: test files run side by side, and in Firefox a page
 * that focuses an element (as `open()` does) takes the keyboard from the others. A test that
 * types brings its own page to the front first, as a visitor would click into the window.
 */
const bringToFrontPlugin = {
  name: 'bring-to-front',
  async executeCommand({ command, session }) {
    if (command !== 'bring-to-front') return undefined;
    await session.browser.getPage(session.id).bringToFront();
    return true;
  },
};

async function forwardAdminRequests(context, next) {
  if (!context.path.startsWith('/emulator/')) return next();
  const body = ['GET', 'HEAD'].includes(context.method) ? undefined : await readBody(context.req);
  const response = await fetch(`http://127.0.0.1:${emulatorServer.port}${context.url}`, { method: context.method, body });
  context.status = response.status;
  context.type = response.headers.get('content-type') ?? 'application/json';
  context.body = await response.text();
}

/**
 * The storage hub, as a site would host it: `/hub/trusting-page/hub.html` trusts the test
 * page's origin (http://localhost:PORT), `/hub/trusting-nobody/hub.html` trusts no one. Tests
 * load them from 127.0.0.1, another site, so the hub is a third-party frame.
 */
async function serveHub(context, next) {
  const match = /^\/hub\/(trusting-page|trusting-nobody)\/(hub\.html|hub\.js)$/.exec(context.path);
  if (!match) return next();
  if (match[2] === 'hub.js') {
    context.type = 'text/javascript';
    context.body = await readFile('dist/hub.js', 'utf8');
    return;
  }
  const trusted = match[1] === 'trusting-page' ? [`http://localhost:${context.host.split(':')[1]}`] : [];
  context.type = 'text/html';
  context.body = withTrustedOrigins(await readFile('dist/hub.html', 'utf8'), trusted);
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export default {
  files: 'test/unit/**/*.test.ts',
  nodeResolve: true,
  concurrency: 2,
  testFramework: { config: { timeout: 15000 } },
  middleware: [forwardAdminRequests, serveHub],
  // Lit announces its development build once per page; every other warning is kept.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json' }), emulatorPlugin, bringToFrontPlugin],
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html><body>
      <script>window.__emulator = { socketUrl: 'ws://127.0.0.1:${emulatorServer.port}/v1', apiBaseUrl: 'http://127.0.0.1:${emulatorServer.port}' };
        window.__lifecycleSeed = ${JSON.stringify(process.env.LIFECYCLE_SEED ?? '')};</script>
      <script type="module" src="${testFramework}"></script>
    </body></html>`,
  browsers: [
    playwrightLauncher({ product: 'chromium', launchOptions: { executablePath: required(findChromium(), 'Chromium'), args: chromiumArgs } }),
    puppeteerLauncher({
      launchOptions: { browser: 'firefox', executablePath: required(findFirefox(), 'Firefox'), headless: true },
      // A browser context per test file, as the Playwright launcher gives Chromium: test files
      // run side by side, and must not share cookies, localStorage or IndexedDB.
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
    }),
  ],
};
