import { chromium, type BrowserContext } from '@playwright/test';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, findChromium, required } from '../../scripts/browsers.mjs';
import { admin, chat, expect, indexedDbText, sessionWith, siteUrl, storedState, test, uniqueText } from './helpers.js';

test('guest attributes are not kept at rest: a message waiting in the outbox is stored without them', async ({ page, context }) => {
  await page.goto('/');
  await page.locator('persistent-chat').evaluate((element) => element.setAttribute('guest-attributes', JSON.stringify({ 'custom.email': 'ada@example.com', 'custom.phone': '+44 20 7946 0958' })));
  await chat(page).launcher.click();
  const first = uniqueText('Hello');
  await chat(page).send(first);
  await sessionWith(page, first);
  await context.setOffline(true);
  const waiting = uniqueText('Written offline');
  await chat(page).send(waiting);
  await expect.poll(() => indexedDbText(page)).toContain(waiting);
  const stored = await indexedDbText(page);
  expect(stored).not.toContain('ada@example.com');
  expect(stored).not.toContain('7946');
  await context.setOffline(false);
  // Sent once back online, with the attributes the page gives now.
  const { customAttributes } = await sessionWith(page, waiting);
  expect(customAttributes['custom.email']).toBe('ada@example.com');
});

test('a transcript is bound to its session: another session on the same site never shows it', async ({ browser }) => {
  const context = await browser.newContext();
  const www = await context.newPage();
  await www.goto(siteUrl('www.shop.localhost'));
  await chat(www).launcher.click();
  const old = uniqueText('Old visitor');
  await chat(www).send(old);
  await sessionWith(www, old);
  await www.goto('about:blank');
  // On help.shop the chat is ended and a new one started: the shared cookie now names another session.
  const help = await context.newPage();
  await help.goto(siteUrl('help.shop.localhost', '/help/'));
  await expect(chat(help).bubble(old)).toBeVisible();
  await chat(help).host.locator('[part~="end-button"]').click();
  await chat(help).host.locator('[part~="end-confirmation"] button.danger').click();
  await chat(help).host.getByRole('button', { name: 'Start a new chat' }).click();
  const fresh = uniqueText('New visitor');
  await chat(help).send(fresh);
  await sessionWith(help, fresh);
  await www.goto(siteUrl('www.shop.localhost'));
  await expect(chat(www).bubble(fresh)).toBeVisible();
  await expect(chat(www).bubble(old)).toHaveCount(0);
  await context.close();
});

test('an ended chat stays ended on every sub-domain: the next visit elsewhere erases its copies instead of bringing it back', async ({ browser }) => {
  const context = await browser.newContext();
  const www = await context.newPage();
  await www.goto(siteUrl('www.shop.localhost'));
  await chat(www).launcher.click();
  const said = uniqueText('My order number is 4711');
  await chat(www).send(said);
  await sessionWith(www, said);
  // help.shop keeps its own copies of the conversation (its cache, its localStorage mirror).
  const help = await context.newPage();
  await help.goto(siteUrl('help.shop.localhost', '/help/'));
  await expect(chat(help).bubble(said)).toBeVisible();
  await expect.poll(() => indexedDbText(help)).toContain(said);
  await help.goto('about:blank');
  await chat(www).host.locator('[part~="end-button"]').click();
  await chat(www).host.locator('[part~="end-confirmation"] button.danger').click();
  await expect(chat(www).bubble(said)).toHaveCount(0);
  await help.goto(siteUrl('help.shop.localhost', '/help/'));
  await chat(help).host.locator('[part~="launcher"]').waitFor();
  await expect.poll(() => indexedDbText(help)).not.toContain(said);
  await expect(chat(help).bubble(said)).toHaveCount(0);
  const { cookies, localKeys } = await storedState(help);
  expect(localKeys.filter((key) => key.endsWith(':session'))).toEqual([]);
  // The shared cookie holds only the ended marker: no token.
  expect(cookies.every((cookie) => /=v1e\.[0-9a-f]{8}$/.test(cookie) || cookie.includes('_s@'))).toBe(true);
  await context.close();
});

test('when the agent ends a chat it stays readable; "Start a new chat" erases it and starts clean, and "Erase" erases it from this device', async ({ page }) => {
  await page.goto('/');
  await chat(page).launcher.click();
  const said = uniqueText('Please send me a refund');
  await chat(page).send(said);
  const { id } = await sessionWith(page, said);
  await admin(page, `sessions/${id}/disconnect`, { readOnly: true });
  await expect(chat(page).host.locator('[part~="ended"]')).toBeVisible();
  await expect(chat(page).bubble(said)).toBeVisible();
  await expect(chat(page).host.locator('[part~="erase-button"]')).toHaveText('Erase this conversation from this device');
  await chat(page).host.getByRole('button', { name: 'Start a new chat' }).click();
  await expect(chat(page).bubble(said)).toHaveCount(0);
  await expect(chat(page).composer).toBeVisible();
  await expect.poll(() => indexedDbText(page)).not.toContain(said);
  const next = uniqueText('A new question');
  await chat(page).send(next);
  expect((await sessionWith(page, next)).id).not.toBe(id);

  const { id: second } = await sessionWith(page, next);
  await admin(page, `sessions/${second}/disconnect`, { readOnly: true });
  await chat(page).host.locator('[part~="erase-button"]').click();
  await expect(chat(page).bubble(next)).toHaveCount(0);
  await expect.poll(() => indexedDbText(page)).not.toContain(next);
  await page.reload();
  await expect(chat(page).bubble(next)).toHaveCount(0);
});

/** A browser on a profile of its own, closed and started again on it: what a shared computer does between visitors. */
async function browserOnProfile(profile: string, persist?: string): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: required(findChromium(), 'Chromium'),
    args: chromiumArgs,
    headless: true,
    baseURL: test.info().project.use.baseURL,
  });
  if (persist) {
    // The site's own tag says how long to keep the conversation (set as the tag is parsed, before the element starts).
    await context.addInitScript((value) => {
      new MutationObserver((changes, observer) => {
        for (const node of changes.flatMap((change) => [...change.addedNodes])) {
          if (node instanceof Element && node.localName === 'persistent-chat') {
            node.setAttribute('persist', value);
            observer.disconnect();
          }
        }
      }).observe(document, { childList: true, subtree: true });
    }, persist);
  }
  return context;
}

for (const persist of [undefined, 'days:7', 'none'] as const) {
  test(`persist=${persist ?? 'session (the default)'}: what a browser restart keeps`, async () => {
    const profile = await mkdtemp(join(tmpdir(), 'persistent-chat-restart-'));
    let context = await browserOnProfile(profile, persist);
    let page = await context.newPage();
    await page.goto('/');
    await chat(page).launcher.click();
    const said = uniqueText('Before the restart');
    await chat(page).send(said);
    const { id } = await sessionWith(page, said);
    const during = await storedState(page);
    if (persist === 'none') {
      expect(during.cookies).toEqual([]);
      expect(during.localKeys).toEqual([]);
      expect(await indexedDbText(page)).not.toContain(said);
    } else {
      await expect.poll(() => indexedDbText(page)).toContain(said);
    }
    await context.close();

    context = await browserOnProfile(profile, persist);
    page = await context.newPage();
    await page.goto('/');
    await chat(page).host.locator('[part~="launcher"]').waitFor();
    if (persist === 'days:7') {
      // Kept: the conversation comes back after a restart, within its days.
      await expect(chat(page).bubble(said)).toBeVisible();
    } else {
      // Forgotten: nothing of it on the device, and the next person's message starts a new session.
      await expect.poll(() => indexedDbText(page)).not.toContain(said);
      expect((await storedState(page)).localKeys.filter((key) => key.endsWith(':session'))).toEqual([]);
      await chat(page).launcher.click();
      await expect(chat(page).bubble(said)).toHaveCount(0);
      const next = uniqueText('Next visitor');
      await chat(page).send(next);
      expect((await sessionWith(page, next)).id).not.toBe(id);
    }
    await context.close();
  });
}

test('with consent pending, ending a chat writes nothing: no ended marker, no cookie', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(siteUrl('www.shop.localhost'));
  await page.locator('persistent-chat').evaluate((element) => element.setAttribute('consent', 'pending'));
  await chat(page).launcher.click();
  const said = uniqueText('Pending consent');
  await chat(page).send(said);
  await sessionWith(page, said);
  await chat(page).host.locator('[part~="end-button"]').click();
  await chat(page).host.locator('[part~="end-confirmation"] button.danger').click();
  await expect(chat(page).host.locator('[part~="ended"]')).toBeVisible();
  expect(await context.cookies()).toEqual([]);
  await context.close();
});
