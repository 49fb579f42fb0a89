import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFirefox, required } from '../../../scripts/browsers.mjs';
import { forceVisibility, readThrown, instrumentPage, setAttributesAsParsed, silenceLeaving, type Engine, type Tab, type Visitor, type VisitorOptions } from './engine.js';

export async function launchFirefox(): Promise<Engine> {
  const executablePath = required(findFirefox(), 'Firefox');
  const browser: Browser = await puppeteer.launch({ browser: 'firefox', executablePath, headless: true });
  return {
    name: 'firefox',
    async newVisitor(options = {}) {
      if (!options.restartable) return firefoxVisitor(async () => ({ context: await browser.createBrowserContext() }), options);
      // A browser of its own on a profile directory: closed and launched again on it, it is a restart.
      const userDataDir = await mkdtemp(join(tmpdir(), 'persistent-chat-visitor-'));
      return firefoxVisitor(async () => {
        const own = await puppeteer.launch({ browser: 'firefox', executablePath, headless: true, userDataDir });
        return { context: own.defaultBrowserContext(), browser: own };
      }, options, true);
    },
    close: () => browser.close(),
  };
}

function firefoxVisitor(start: () => Promise<{ context: BrowserContext; browser?: Browser }>, { attributes }: VisitorOptions, restartable = false): Visitor {
  let running = start();
  const stop = async () => {
    const { context, browser } = await running;
    await (browser ? browser.close() : context.close());
  };
  return {
    async newTab(url, until = 'load') {
      const page = await (await running).context.newPage();
      await page.evaluateOnNewDocument(instrumentPage);
      if (attributes) await page.evaluateOnNewDocument(setAttributesAsParsed, attributes);
      await page.goto(url, { waitUntil: until === 'load' ? 'load' : 'domcontentloaded' });
      return firefoxTab(page);
    },
    async restart() {
      if (!restartable) throw new Error('this visitor has no profile of its own to restart on');
      await stop();
      running = start();
      await running;
    },
    close: stop,
  };
}

function firefoxTab(page: Page): Tab {
  return {
    evaluate: (fn, arg) => page.evaluate(fn as (arg: unknown) => never, arg),
    // A visitor clicks and types in the tab in front (Firefox paints, and so clicks, only there).
    async clickLauncher() {
      await page.bringToFront();
      await page.locator('persistent-chat >>> [part~="launcher"]').click();
    },
    async send(text) {
      await page.bringToFront();
      await page.locator('persistent-chat >>> textarea').fill(text);
      await page.keyboard.press('Enter');
    },
    async type(text) {
      await page.bringToFront();
      await page.locator('persistent-chat >>> textarea').fill(text);
    },
    reload: async () => void (await page.reload()),
    close: () => page.close({ runBeforeUnload: true }),
    async crash() {
      await page.evaluate(silenceLeaving);
      await page.close({ runBeforeUnload: false });
    },
    setVisibility: (state) => page.evaluate(forceVisibility, state),
    thrown: () => page.evaluate(readThrown),
  };
}
