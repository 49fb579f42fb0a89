import { defineConfig } from '@playwright/test';
import { chromiumArgs, findChromium, required } from './scripts/browsers.mjs';

// A port of its own, so that the tests never talk to a dev server someone left running.
const port = Number(process.env.E2E_PORT ?? 8731);

export default defineConfig({
  testDir: 'test/e2e',
  workers: 2,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    browserName: 'chromium',
    launchOptions: { executablePath: required(findChromium(), 'Chromium'), args: chromiumArgs },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: 'node build/server/main.js',
    env: { PORT: String(port) },
    url: `http://localhost:${port}/emulator/sessions`,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
