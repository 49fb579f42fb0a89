// Unit and component tests, in real Chromium and Firefox, against the real emulator.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { startDevServer } from './build/server/dev-server.js';
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

async function forwardAdminRequests(context, next) {
  if (!context.path.startsWith('/emulator/')) return next();
  const body = ['GET', 'HEAD'].includes(context.method) ? undefined : await readBody(context.req);
  const response = await fetch(`http://127.0.0.1:${emulatorServer.port}${context.url}`, { method: context.method, body });
  context.status = response.status;
  context.type = response.headers.get('content-type') ?? 'application/json';
  context.body = await response.text();
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
  middleware: [forwardAdminRequests],
  // Lit announces its development build once per page; every other warning is kept.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json' }), emulatorPlugin],
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html><body>
      <script>window.__emulator = { socketUrl: 'ws://127.0.0.1:${emulatorServer.port}/v1', apiBaseUrl: 'http://127.0.0.1:${emulatorServer.port}' };</script>
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
