import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, findChromium, required } from '../../../scripts/browsers.mjs';
import { forceVisibility, readThrown, instrumentPage, setAttributesAsParsed, type Engine, type Tab, type Visitor, type VisitorOptions } from './engine.js';

export async function launchChromium(): Promise<Engine> {
  const executablePath = required(findChromium(), 'Chromium');
  const browser: Browser = await chromium.launch({ executablePath, args: chromiumArgs });
  const prepare = async (context: BrowserContext, { attributes }: VisitorOptions) => {
    await context.addInitScript(instrumentPage);
    if (attributes) await context.addInitScript(setAttributesAsParsed, attributes);
    return context;
  };
  return {
    name: 'chromium',
    async newVisitor(options = {}) {
      if (!options.restartable) return chromiumVisitor(await prepare(await browser.newContext(), options));
      // A browser of its own on a profile directory: closed and launched again on it, it is a restart.
      const profile = await mkdtemp(join(tmpdir(), 'persistent-chat-visitor-'));
      return chromiumVisitor(async () => prepare(await chromium.launchPersistentContext(profile, { executablePath, args: chromiumArgs, headless: true }), options));
    },
    close: () => browser.close(),
  };
}

function chromiumVisitor(start: BrowserContext | (() => Promise<BrowserContext>)): Visitor {
  let context: Promise<BrowserContext> = typeof start === 'function' ? start() : Promise.resolve(start);
  return {
    async newTab(url, until = 'load') {
      const page = await (await context).newPage();
      await page.goto(url, { waitUntil: until === 'load' ? 'load' : 'domcontentloaded' });
      return chromiumTab(page);
    },
    async restart() {
      if (typeof start !== 'function') throw new Error('this visitor has no profile of its own to restart on');
      await (await context).close();
      context = start();
      await context;
    },
    close: async () => (await context).close(),
  };
}

function chromiumTab(page: Page): Tab {
  const host = page.locator('persistent-chat').first();
  return {
    evaluate: (fn, arg) => page.evaluate(fn as (arg: unknown) => never, arg),
    async clickLauncher() {
      await page.bringToFront();
      await host.locator('[part~="launcher"]').click();
    },
    async send(text) {
      await page.bringToFront();
      const composer = host.locator('textarea');
      await composer.fill(text);
      await composer.press('Enter');
    },
    async type(text) {
      await page.bringToFront();
      await host.locator('textarea').fill(text);
    },
    reload: async () => void (await page.reload()),
    close: () => page.close({ runBeforeUnload: true }),
    async crash() {
      const cdp = await page.context().newCDPSession(page);
      // The command never answers (the page is gone); a crashed page is left as it is: closing it can hang.
      void cdp.send('Page.crash').catch(() => {});
    },
    setVisibility: (state) => page.evaluate(forceVisibility, state),
    thrown: () => page.evaluate(readThrown),
  };
}
