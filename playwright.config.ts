import { defineConfig } from '@playwright/test';
import { chromiumArgs, findChromium, required } from './scripts/browsers.mjs';
import { schemaReportPath } from './test/e2e/global/schema-report.js';

// A port of its own, so that the tests never talk to a dev server someone left running.
const port = Number(process.env.E2E_PORT ?? 8731);

export default defineConfig({
  testDir: 'test/e2e',
  workers: 2,
  forbidOnly: true,
  // Every frame either way is checked against the official Guest API schema; any violation fails the run.
  globalSetup: './test/e2e/global/schema-setup.ts',
  globalTeardown: './test/e2e/global/schema-teardown.ts',
  retries: 0,
  timeout: 45_000,
  // Tabs settle over a channel and a socket; on a loaded 2-core CI machine that can take
  // longer than Playwright's 5 s default. The assertions are unchanged; only the wait is longer.
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    browserName: 'chromium',
    launchOptions: { executablePath: required(findChromium(), 'Chromium'), args: chromiumArgs },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: 'node build/server/main.js',
    env: { PORT: String(port), EMULATOR_SCHEMA_REPORT: schemaReportPath(port) },
    url: `http://localhost:${port}/emulator/sessions`,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
