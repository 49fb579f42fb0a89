import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { chromiumArgs, findChromium, required } from '../../../scripts/browsers.mjs';
import { forceVisibility, readThrown, instrumentPage, type Engine, type Tab, type Visitor } from './engine.js';

export async function launchChromium(): Promise<Engine> {
  const browser: Browser = await chromium.launch({ executablePath: required(findChromium(), 'Chromium'), args: chromiumArgs });
  return {
    name: 'chromium',
    async newVisitor() {
      const context = await browser.newContext();
      await context.addInitScript(instrumentPage);
      return chromiumVisitor(context);
    },
    close: () => browser.close(),
  };
}

function chromiumVisitor(context: BrowserContext): Visitor {
  return {
    async newTab(url, until = 'load') {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: until === 'load' ? 'load' : 'domcontentloaded' });
      return chromiumTab(page);
    },
    close: () => context.close(),
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
