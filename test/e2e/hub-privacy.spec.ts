import type { BrowserContext, Page } from '@playwright/test';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chat, embedWith, expect, sessionWith, siteUrl, test, uniqueText } from './helpers.js';
import { contextAllowingThirdPartyCookies, hubHost, hubUrl, recordThirdPartyReports, thirdPartyReports } from './hub-helpers.js';

// The storage hub is another site's storage: it is asked for only with consent, and only once
// the visitor engaged or a conversation is stored on this site. These run in a browser that
// allows third-party cookies, where the hub would otherwise be used at once.

/** Every request the context makes to the hub's host. */
function hubRequests(context: BrowserContext): string[] {
  const seen: string[] = [];
  context.on('request', (request) => {
    if (new URL(request.url()).hostname === hubHost) seen.push(request.url());
  });
  return seen;
}

const hubFrames = (page: Page) => page.frames().filter((frame) => new URL(frame.url()).hostname === hubHost);

/** What the hub's site holds: its cookies, and its localStorage keys (read on the hub's own page). */
async function hubHolds(context: BrowserContext): Promise<{ cookies: string[]; localKeys: string[] }> {
  const cookies = (await context.cookies(hubUrl())).map((cookie) => cookie.name);
  const page = await context.newPage();
  await page.goto(hubUrl());
  const localKeys = await page.evaluate(() => Object.keys(localStorage));
  await page.close();
  return { cookies, localKeys };
}

/** Lets the page settle: the widget ready, and a moment for anything it would fetch. */
async function settled(page: Page): Promise<void> {
  await expect(page.locator('persistent-chat[ready]')).toHaveCount(1);
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 800)));
}

test('a visitor who never engages, or engages with consent pending, never reaches the hub; consent and a click do', async () => {
  const context = await contextAllowingThirdPartyCookies();
  try {
    const requests = hubRequests(context);
    await recordThirdPartyReports(context);
    const page = await context.newPage();
    await page.goto(siteUrl('www.shop.localhost'));
    await settled(page);
    await page.reload();
    await settled(page);
    expect(requests, 'a visitor who only looks').toEqual([]);
    expect(hubFrames(page)).toEqual([]);

    await page.locator('persistent-chat').evaluate((element) => element.setAttribute('consent', 'pending'));
    await chat(page).launcher.click();
    const said = uniqueText('Consent pending');
    await chat(page).send(said);
    await sessionWith(page, said);
    await settled(page);
    expect(requests, 'consent pending').toEqual([]);
    expect(await hubHolds(context)).toEqual({ cookies: [], localKeys: [] });

    // Granted, with a conversation: the hub is used, and takes a copy of the session.
    await page.locator('persistent-chat').evaluate((element) => element.setAttribute('consent', 'granted'));
    await expect.poll(() => thirdPartyReports(page)).toEqual([{ available: true, storage: 'unpartitioned', access: 'granted' }]);
    expect(requests.length).toBeGreaterThan(0);
    await expect.poll(async () => (await hubHolds(context)).localKeys.some((key) => key.endsWith(':session'))).toBe(true);
    await expect(chat(page).bubble(said)).toHaveCount(1);

    // A stored conversation: the next page asks the hub at once.
    requests.length = 0;
    await page.reload();
    await expect.poll(() => requests.length).toBeGreaterThan(0);
    await expect(chat(page).bubble(said)).toBeVisible();
  } finally {
    await context.close();
  }
});

test('the hub reads and writes nothing for a visitor who declined: consent denied, even after a click', async () => {
  const context = await contextAllowingThirdPartyCookies();
  try {
    const requests = hubRequests(context);
    await embedWith(context, { consent: 'denied' });
    const page = await context.newPage();
    await page.goto(siteUrl('www.shop.localhost'));
    await chat(page).launcher.click();
    const said = uniqueText('Consent denied');
    await chat(page).send(said);
    await sessionWith(page, said);
    await settled(page);
    expect(requests).toEqual([]);
    expect(await hubHolds(context)).toEqual({ cookies: [], localKeys: [] });
  } finally {
    await context.close();
  }
});

for (const persist of [undefined, 'days:3'] as const) {
  test(`the hub's copy lives as long as persist=${persist ?? 'session (the default)'} says: a browser restart ${persist ? 'keeps' : 'ends'} it`, async () => {
    const profile = await mkdtemp(join(tmpdir(), 'persistent-chat-hub-restart-'));
    await mkdir(join(profile, 'Default'));
    await writeFile(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
    const open = async () => {
      const context = await contextAllowingThirdPartyCookies(profile);
      if (persist) await embedWith(context, { persist });
      return context;
    };
    let context = await open();
    let page = await context.newPage();
    await page.goto(siteUrl('www.shop.localhost'));
    await chat(page).launcher.click();
    const said = uniqueText('Before the restart, through the hub');
    await chat(page).send(said);
    const { id } = await sessionWith(page, said);
    await expect.poll(async () => (await hubHolds(context)).localKeys.some((key) => key.endsWith(':session'))).toBe(true);
    await context.close();

    context = await open();
    page = await context.newPage();
    await page.goto(siteUrl('www.partner.localhost'));
    await chat(page).launcher.click();
    if (persist) {
      // Within its days, the partner site continues the conversation through the hub.
      await expect(chat(page).bubble(said)).toBeVisible();
    } else {
      // The hub forgot it with the browser session: the partner starts afresh.
      const next = uniqueText('Next visitor on the partner');
      await chat(page).send(next);
      expect((await sessionWith(page, next)).id).not.toBe(id);
      await expect(chat(page).bubble(said)).toHaveCount(0);
    }
    await context.close();
  });
}

test("with the site's own hub, the token stays out of the shared cookie: an unlisted sub-domain's page cannot obtain it from any store it can reach", async ({ page, context }) => {
  // /orders/ names a hub on the shop's own site (chat.shop.localhost), which lists www. and help.shop, not blog.shop.
  await page.goto(siteUrl('www.shop.localhost', '/orders/'));
  await chat(page).launcher.click();
  const said = uniqueText('Order FH-20931 arrived damaged');
  await chat(page).send(said);
  await sessionWith(page, said);
  const recordKey = 'persistent-chat:orders:fernhill-orders:session';
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), recordKey)).toMatch(/^v1\./);
  const token = (await page.evaluate((key) => localStorage.getItem(key)!, recordKey)).split('.')[1]!;
  expect(token.length).toBeGreaterThan(8);
  expect(await page.evaluate(() => document.cookie)).not.toContain(token);

  // A page on blog.shop (no widget; any script there): every store it can reach, and the hub.
  const blog = await context.newPage();
  await blog.goto(siteUrl('blog.shop.localhost', '/a-hosted-blog-post'));
  const reached = await blog.evaluate(
    async ({ hub, key }) => {
      const heard: unknown[] = [];
      addEventListener('message', (event) => heard.push(event.data));
      const frame = document.createElement('iframe');
      frame.src = hub;
      document.body.append(frame);
      await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      const tag = 'persistent-chat-hub/1';
      const nonce = 'blog-nonce-0123456789abcdef';
      for (const target of ['*', new URL(hub).origin]) {
        frame.contentWindow!.postMessage({ tag, type: 'hello', nonce }, target);
        frame.contentWindow!.postMessage({ tag, type: 'request', nonce, id: 1, op: 'get', key }, target);
      }
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const databases = (await indexedDB.databases()).map((database) => database.name);
      return { cookie: document.cookie, local: JSON.stringify({ ...localStorage }), session: JSON.stringify({ ...sessionStorage }), databases, heard: JSON.stringify(heard) };
    },
    { hub: siteUrl('chat.shop.localhost', '/hub.html'), key: recordKey },
  );
  // The shared cookie says only that the site's hub holds a conversation.
  expect(reached.cookie).toMatch(/pchat_\w+=v1h/);
  expect(JSON.stringify(reached)).not.toContain(token);
  expect(reached.heard).toBe('[]');
  expect(reached.databases).toEqual([]);

  // A listed sub-domain continues the conversation through the hub, at once (the marker says there is one).
  const help = await context.newPage();
  await help.goto(siteUrl('help.shop.localhost', '/orders/'));
  await expect(chat(help).bubble(said)).toHaveCount(1);
});
