import { startChat } from './stats.mjs';

/** Bytes our cookie adds to the Cookie header of every request to the site: name, value and the "; " separator. */
export async function measureCookieBytes(browser, origin) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await startChat(page, `${origin('www.shop.localhost')}/`, 'cookie size check');
  const stylesheet = page.waitForRequest((request) => request.url().endsWith('/assets/site.css'));
  await page.goto(`${origin('help.shop.localhost')}/help/`);
  const header = (await (await stylesheet).allHeaders()).cookie ?? '';
  await context.close();
  const ours = header.split('; ').filter((cookie) => cookie.startsWith('pchat_'));
  const bytes = ours.reduce((sum, cookie) => sum + cookie.length + 2, 0);
  return [{ figure: `Cookie header bytes per request to the site (${ours.length} cookie)`, value: bytes, unit: 'B', target: 200 }];
}
