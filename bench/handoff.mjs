import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { chromiumArgs, findChromium, required } from '../scripts/browsers.mjs';
import { median, startChat } from './stats.mjs';

/**
 * From the visitor's click on the shop's link to the partner site (another site) to the
 * shop's conversation on screen there: through a link hand-off (third-party storage blocked,
 * no hub), and through the hub (third-party storage allowed, link hand-off off), in the same
 * run. With the hub the partner asks it only once the visitor engages, so the visitor's
 * click on the launcher, made as soon as the page is ready, is part of that path.
 */
export async function measureHandoff(browser, origin, runs) {
  const shop = origin('www.shop.localhost');
  const partner = origin('www.partner.localhost');
  const viaLink = [];
  const viaHub = [];
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext();
    viaLink.push(await clickThrough(context, { 'iframe-url': '', 'linked-domains': `${shop} ${partner}` }, shop, { openThere: false }));
    await context.close();
    const { context: allowing, close } = await contextAllowingThirdPartyCookies();
    viaHub.push(await clickThrough(allowing, { 'linked-domains': 'none' }, shop, { openThere: true }));
    await close();
  }
  return [
    {
      figure: "Click on a link to another site to the conversation on screen there, through a hand-off",
      value: Math.round(median(viaLink)),
      unit: 'ms',
      baseline: Math.round(median(viaHub)),
      baselineLabel: 'through the hub (third-party storage allowed; the visitor opens the chat)',
    },
  ];
}

async function clickThrough(context, attributes, shop, { openThere }) {
  await context.addInitScript((attrs) => {
    new MutationObserver((records, observer) => {
      const element = document.querySelector('persistent-chat');
      if (!element) return;
      for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, value);
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  }, attributes);
  const page = await context.newPage();
  const text = `Carried across ${crypto.randomUUID().slice(0, 8)}`;
  await startChat(page, `${shop}/`, text);
  const link = page.locator('nav a', { hasText: 'partner site' });
  const start = Date.now();
  await link.click();
  await page.waitForURL((url) => url.hostname === 'www.partner.localhost');
  if (openThere) {
    await page.locator('persistent-chat[ready]').waitFor();
    await page.locator('persistent-chat [part~="launcher"]').click();
  }
  await page.locator('persistent-chat .bubble', { hasText: text }).waitFor();
  return Date.now() - start;
}

/** A Chromium whose profile allows third-party cookies, as Chrome does by default outside Incognito. */
async function contextAllowingThirdPartyCookies() {
  const profile = await mkdtemp(join(tmpdir(), 'pchat-bench-'));
  await mkdir(join(profile, 'Default'), { recursive: true });
  await writeFile(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
  const context = await chromium.launchPersistentContext(profile, { executablePath: required(findChromium(), 'Chromium'), args: chromiumArgs });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
