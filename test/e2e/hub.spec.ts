import type { BrowserContext, Page } from '@playwright/test';
import { admin, chat, embedWith, expect, session, sessionWith, siteUrl, test, uniqueText } from './helpers.js';
import { contextAllowingThirdPartyCookies, hubHost, hubUrl, recordThirdPartyReports, thirdPartyReports } from './hub-helpers.js';
import { expectOneOwner, ownersAmong } from './tabs-helpers.js';

/**
 * Records, inside the hub's frame, the target origin of every message the hub posts. The
 * hub posts to `parent` (a cross-origin window, whose postMessage cannot be patched), so
 * `parent`, and `event.source` where it is the parent, are replaced by a recording stand-in.
 */
async function spyOnHubPosts(target: Page | BrowserContext): Promise<void> {
  await target.addInitScript((host) => {
    if (location.hostname !== host) return;
    const realParent = window.parent;
    const targets: string[] = [];
    const spy = {
      postMessage(message: unknown, targetOrigin: string) {
        targets.push(String(targetOrigin));
        realParent.postMessage(message, targetOrigin);
      },
    };
    const source = Object.getOwnPropertyDescriptor(MessageEvent.prototype, 'source')!.get!;
    Object.defineProperty(MessageEvent.prototype, 'source', {
      configurable: true,
      get(this: MessageEvent) {
        const real = source.call(this);
        return real === realParent ? spy : real;
      },
    });
    (window as unknown as { parent: unknown }).parent = spy;
    (window as unknown as { __hubPostTargets: string[] }).__hubPostTargets = targets;
  }, hubHost);
}

function hubPostTargets(page: Page): Promise<string[]> {
  const frames = page.frames().filter((frame) => new URL(frame.url()).hostname === hubHost);
  return Promise.all(frames.map((frame) => frame.evaluate(() => (window as unknown as { __hubPostTargets?: string[] }).__hubPostTargets ?? []))).then((all) => all.flat());
}

test('third-party storage allowed: a chat started on www.shop continues on www.partner, another site, through the hub', async () => {
  const context = await contextAllowingThirdPartyCookies();
  try {
    await recordThirdPartyReports(context);
    await spyOnHubPosts(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(siteUrl('www.shop.localhost'));
    await chat(page).launcher.click();
    await expect.poll(() => thirdPartyReports(page)).toEqual([{ available: true, storage: 'unpartitioned', access: 'granted' }]);
    const question = uniqueText('Started on the shop');
    await chat(page).send(question);
    const { id } = await sessionWith(page, question);
    await admin(page, `sessions/${id}/messages`, { text: 'Happy to help on any of our sites.' });
    await expect(chat(page).bubble('Happy to help on any of our sites.')).toBeVisible();
    expect(new Set(await hubPostTargets(page))).toEqual(new Set([new URL(siteUrl('www.shop.localhost')).origin]));

    await page.goto(siteUrl('www.partner.localhost'));
    // The partner site has nothing of its own, so it asks the hub only once the visitor opens the chat: the hub's session is taken over then.
    await expect(page.locator('persistent-chat[ready]')).toHaveCount(1);
    expect(page.frames().filter((frame) => frame.url().includes(hubHost))).toEqual([]);
    await chat(page).launcher.click();
    await expect(chat(page).bubbles).toHaveText([question, 'Happy to help on any of our sites.']);
    await expect(chat(page).panel).toBeVisible();
    const followUp = uniqueText('Continued on the partner');
    await chat(page).send(followUp);
    await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(2);

    const server = await session(page, id);
    expect(server.messages.map((message) => message.text)).toEqual([question, 'Happy to help on any of our sites.', followUp]);
    expect(server.maxConcurrentConnections).toBe(1);
    expect(await thirdPartyReports(page)).toContainEqual({ available: true, storage: 'unpartitioned', access: 'granted' });
    expect(new Set(await hubPostTargets(page))).toEqual(new Set([new URL(siteUrl('www.partner.localhost')).origin]));
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});

test('third-party storage blocked, link hand-off off: chat-third-party says so, the notice offers Storage Access, and the chat works on each site', async ({ page }) => {
  await recordThirdPartyReports(page);
  // With link hand-off (the default with a hub) the notice asks for nothing: see handoff.spec.
  await embedWith(page, { 'linked-domains': 'none' });
  await page.goto(siteUrl('www.shop.localhost'));
  await chat(page).launcher.click();
  await expect.poll(() => thirdPartyReports(page)).toEqual([{ available: false, storage: 'blocked', access: 'prompt' }]);
  const notice = chat(page).host.locator('[part~="third-party-notice"]');
  await expect(notice).toContainText('needs to allow third-party cookies');
  // Browsers grant storage access only after a click inside the hub's frame: its button is there.
  await expect(notice.locator('iframe')).toHaveCount(1);
  const allow = page.frameLocator('persistent-chat .third-party iframe').getByRole('button', { name: 'Allow for this chat' });
  await expect(allow).toBeVisible();
  // The hub was never visited as a site of its own here, so the browser refuses, and the visitor is told.
  await allow.click();
  await expect(notice).toContainText('This browser did not allow it');
  await expect(notice.locator('iframe')).toHaveCount(0);

  const onShop = uniqueText('Asked on the shop');
  await chat(page).send(onShop);
  const shopSession = await sessionWith(page, onShop);

  await page.goto(siteUrl('www.partner.localhost'));
  await chat(page).launcher.click();
  await expect.poll(() => thirdPartyReports(page)).toEqual([{ available: false, storage: 'blocked', access: 'prompt' }]);
  await expect(chat(page).bubble(onShop)).toHaveCount(0);
  const onPartner = uniqueText('Asked on the partner');
  await chat(page).send(onPartner);
  const partnerSession = await sessionWith(page, onPartner);
  expect(partnerSession.id).not.toBe(shopSession.id);
});

test('without third-party-notice the page is told, and the visitor sees nothing', async ({ page }) => {
  await recordThirdPartyReports(page);
  await page.goto(siteUrl('www.partner.localhost'));
  await page.locator('persistent-chat').evaluate((element) => element.removeAttribute('third-party-notice'));
  await chat(page).launcher.click();
  await expect.poll(() => thirdPartyReports(page)).toContainEqual({ available: false, storage: 'blocked', access: 'prompt' });
  await expect(chat(page).panel).toBeVisible();
  await expect(chat(page).host.locator('[part~="third-party-notice"]')).toHaveCount(0);
});

test('an unreachable hub is given up on within its time limit, and the chat works on first-party storage', async ({ page }) => {
  await recordThirdPartyReports(page);
  await page.route((url) => url.hostname === hubHost, (route) => route.abort());
  await page.goto(siteUrl('www.shop.localhost'));
  await chat(page).launcher.click();
  await expect.poll(() => thirdPartyReports(page)).toEqual([{ available: false, storage: 'unreachable', access: 'unsupported' }]);
  await expect(chat(page).host.locator('[part~="third-party-notice"]')).toHaveCount(0);
  const text = uniqueText('Hub or no hub');
  await chat(page).send(text);
  await sessionWith(page, text);
  await page.reload();
  await expect(chat(page).bubble(text)).toBeVisible();
});

test('a page on an origin the hub does not trust gets no answer, whatever it sends', async ({ page }) => {
  await spyOnHubPosts(page);
  await recordThirdPartyReports(page);
  await page.goto(siteUrl('evil.localhost'));
  const answers = await page.evaluate(async (hub) => {
    const frame = document.createElement('iframe');
    frame.src = hub;
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const heard: unknown[] = [];
    addEventListener('message', (event) => {
      if (event.origin === new URL(hub).origin) heard.push(event.data);
    });
    const tag = 'persistent-chat-hub/1';
    const nonce = 'evil-nonce-0123456789abcdef';
    for (const target of ['*', new URL(hub).origin]) {
      frame.contentWindow!.postMessage({ tag, type: 'hello', nonce }, target);
      frame.contentWindow!.postMessage({ tag, type: 'request', nonce, id: 1, op: 'get', key: 'persistent-chat:default:fernhill-demo:session' }, target);
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return heard;
  }, hubUrl());
  expect(answers).toEqual([]);
  expect(await hubPostTargets(page)).toEqual([]);
  // The widget on that page, once the visitor opens it, waits for the hub in vain, and carries on without it.
  await chat(page).launcher.click();
  await expect.poll(() => thirdPartyReports(page)).toEqual([{ available: false, storage: 'unreachable', access: 'unsupported' }]);
  const text = uniqueText('Untrusted but working');
  await chat(page).send(text);
  await sessionWith(page, text);
});

test('malformed messages, a wrong nonce and a message from another window get no answer from the hub', async ({ page, context }) => {
  await spyOnHubPosts(context);
  await page.goto(siteUrl('www.shop.localhost', '/dynamic/'));
  const answered = await page.evaluate(async (hub) => {
    const frame = document.createElement('iframe');
    frame.src = hub;
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const heard: Array<{ type: string; id?: unknown; ok?: boolean }> = [];
    addEventListener('message', (event) => {
      if (event.source === frame.contentWindow) heard.push(event.data as { type: string });
    });
    const post = (message: unknown) => frame.contentWindow!.postMessage(message, new URL(hub).origin);
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const tag = 'persistent-chat-hub/1';
    const nonce = 'page-nonce-0123456789abcdef';
    for (const junk of [null, 'hello', 42, [], {}, { tag }, { tag, type: 'hello' }, { tag, type: 'hello', nonce: 'short' }, { tag: 'other', type: 'hello', nonce }]) post(junk);
    await wait(400);
    const beforeHello = heard.length;
    post({ tag, type: 'hello', nonce });
    await wait(400);
    post({ tag, type: 'request', nonce: 'wrong-nonce-0123456789abc', id: 1, op: 'get', key: 'persistent-chat:x' });
    post({ tag, type: 'request', nonce, id: 2, op: 'get', key: 'another-app:token' });
    post({ tag, type: 'request', nonce, id: 3, op: 'set', key: 'persistent-chat:x', value: 'x'.repeat(5000) });
    post({ tag, type: 'request', nonce, id: 4, op: 'eval', key: 'persistent-chat:x' });
    post({ tag, type: 'request', nonce, id: 'five', op: 'get', key: 'persistent-chat:x' });
    post({ tag, type: 'request', nonce, id: 6, op: 'get', key: 'persistent-chat:x' });
    await wait(600);
    return { beforeHello, heard };
  }, hubUrl());
  expect(answered.beforeHello).toBe(0);
  expect(answered.heard.map((message) => `${message.type}${message.id === undefined ? '' : `:${String(message.id)}`}`)).toEqual(['welcome', 'reply:6']);

  // Another window of the same trusted site, reaching the hub frame through its opener: ignored.
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.evaluate((url) => void window.open(url), siteUrl('www.shop.localhost', '/dynamic/'))]);
  await popup.waitForLoadState();
  const fromPopup = await popup.evaluate(async (hub) => {
    const heard: unknown[] = [];
    addEventListener('message', (event) => {
      if (event.origin === new URL(hub).origin) heard.push(event.data);
    });
    const hubFrame = [...Array(window.opener.frames.length).keys()].map((index) => window.opener.frames[index] as Window).at(-1)!;
    const tag = 'persistent-chat-hub/1';
    hubFrame.postMessage({ tag, type: 'hello', nonce: 'popup-nonce-0123456789abc' }, new URL(hub).origin);
    hubFrame.postMessage({ tag, type: 'request', nonce: 'page-nonce-0123456789abcdef', id: 9, op: 'get', key: 'persistent-chat:x' }, new URL(hub).origin);
    await new Promise((resolve) => setTimeout(resolve, 800));
    return heard;
  }, hubUrl());
  expect(fromPopup).toEqual([]);
  const targets = await hubPostTargets(page);
  expect(targets.length).toBeGreaterThan(0);
  expect(new Set(targets)).toEqual(new Set([new URL(siteUrl('www.shop.localhost')).origin]));
});

test('random and hostile postMessage traffic to the widget is ignored, throws nothing, and the chat keeps working', async ({ page }) => {
  await page.goto('/');
  await chat(page).launcher.click();
  const before = uniqueText('Before the noise');
  await chat(page).send(before);
  const { id } = await sessionWith(page, before);
  await page.evaluate(() => {
    const tag = 'persistent-chat-hub/1';
    const noise: unknown[] = [null, undefined, 0, 'x', [], {}, { tag }, { type: 'welcome' }, { __proto__: { tag } }, '<img src=x onerror=alert(1)>'];
    for (let i = 0; i < 200; i++) {
      noise.push({ tag, type: ['welcome', 'reply', 'event'][i % 3], nonce: crypto.randomUUID(), id: i, ok: i % 2 === 0, value: 'v1.forged-token-000.1.0..', event: ['lock-won', 'broadcast', 'access'][i % 3], name: 'persistent-chat:default:fernhill-demo', granted: true, storage: 'unpartitioned', access: 'granted', sameSite: true });
      noise.push({ type: ['hello', 'snapshot', 'put', 'send', 'ping'][i % 5], from: crypto.randomUUID(), to: 'x', messages: [{ id: 1, text: '<b>x</b>' }] });
    }
    for (const message of noise) window.postMessage(message, '*');
  });
  const after = uniqueText('After the noise');
  await chat(page).send(after);
  await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(2);
  expect((await session(page, id)).messages.map((message) => message.text)).toEqual([before, after]);
  await expect(page.locator('persistent-chat[owner]')).toHaveCount(1);
});

test('same-site hub: tabs on www.shop and help.shop share one owner and one connection', async ({ context }) => {
  const shop = await context.newPage();
  await shop.goto(siteUrl('www.shop.localhost', '/orders/'));
  const help = await context.newPage();
  await help.goto(siteUrl('help.shop.localhost', '/orders/'));
  await expect(shop.locator('persistent-chat[ready]')).toHaveCount(1);
  await expect(help.locator('persistent-chat[ready]')).toHaveCount(1);

  await chat(shop).launcher.click();
  const question = uniqueText('Where is order FH-20931?');
  await chat(shop).send(question);
  const { id } = await sessionWith(shop, question);
  const pages = [shop, help];
  await expectOneOwner(pages, id);
  // help.shop is another origin: it sees the conversation (and the open panel) through the hub's channel.
  await expect(chat(help).panel).toBeVisible();
  await expect(chat(help).bubble(question)).toHaveCount(1);
  const fromHelp = uniqueText('Sent from the help centre');
  await chat(help).send(fromHelp);
  await expect(chat(shop).bubble(fromHelp)).toHaveCount(1);
  await expect.poll(async () => (await session(shop, id)).messages.map((message) => message.text)).toEqual([question, fromHelp]);

  const [owner] = await ownersAmong(pages);
  const other = owner === shop ? help : shop;
  await owner!.close();
  await expectOneOwner([other], id);
  const last = uniqueText('After the owner closed');
  await chat(other).send(last);
  await expect.poll(async () => (await session(other, id)).messages.map((message) => message.text)).toEqual([question, fromHelp, last]);
  expect((await session(other, id)).maxConcurrentConnections).toBe(1);
});
