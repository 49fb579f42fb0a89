import { test } from '@playwright/test';
import { launchChromium } from './chromium-engine.js';
import type { Engine } from './engine.js';
import { launchFirefox } from './firefox-engine.js';

export type { Engine, Tab, Visitor } from './engine.js';

/** The engines every cross-browser scenario runs in. */
export const engines: ReadonlyArray<{ name: Engine['name']; launch(): Promise<Engine> }> = [
  { name: 'chromium', launch: launchChromium },
  { name: 'firefox', launch: launchFirefox },
];

/**
 * Declares `scenarios` once for each engine, in a `describe` block named after it, with its
 * browser launched once for the block: `engine()` is that browser inside the tests.
 */
export function inEveryEngine(scenarios: (engine: () => Engine, name: Engine['name']) => void): void {
  for (const { name, launch } of engines) {
    test.describe(name, () => {
      let engine: Engine | undefined;
      test.beforeAll(async () => {
        engine = await launch();
      });
      test.afterAll(() => engine?.close());
      scenarios(() => engine!, name);
    });
  }
}
