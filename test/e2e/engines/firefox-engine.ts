import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer';
import { findFirefox, required } from '../../../scripts/browsers.mjs';
import { forceVisibility, readThrown, instrumentPage, silenceLeaving, type Engine, type Tab, type Visitor } from './engine.js';

export async function launchFirefox(): Promise<Engine> {
  const browser: Browser = await puppeteer.launch({ browser: 'firefox', executablePath: required(findFirefox(), 'Firefox'), headless: true });
  return {
    name: 'firefox',
    newVisitor: async () => firefoxVisitor(await browser.createBrowserContext()),
    close: () => browser.close(),
  };
}

function firefoxVisitor(context: BrowserContext): Visitor {
  return {
    async newTab(url, until = 'load') {
      const page = await context.newPage();
      await page.evaluateOnNewDocument(instrumentPage);
      await page.goto(url, { waitUntil: until === 'load' ? 'load' : 'domcontentloaded' });
      return firefoxTab(page);
    },
    close: () => context.close(),
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
