import { launchChromium } from './chromium-engine.js';
import type { Engine } from './engine.js';
import { launchFirefox } from './firefox-engine.js';

export type { Engine, Tab, Visitor } from './engine.js';

/** The engines every cross-browser scenario runs in. */
export const engines: ReadonlyArray<{ name: Engine['name']; launch(): Promise<Engine> }> = [
  { name: 'chromium', launch: launchChromium },
  { name: 'firefox', launch: launchFirefox },
];
