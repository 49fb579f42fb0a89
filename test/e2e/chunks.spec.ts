import type { Page } from '@playwright/test';
import { chat, expect, sessionWith, siteUrl, test, uniqueText } from './helpers.js';
import { recordThirdPartyReports, thirdPartyReports } from './hub-helpers.js';
import { chooseFiles, pngFile } from './file-helpers.js';

// The embed is one script; the open panel, the Guest API connection, the hub client and the
// translations are chunks it fetches from dist/chunks/ only when they are needed. (The demo
// shop's pages set iframe-url: they fetch the hub client once the visitor engages or has a
// conversation.) The tabs' election is a chunk fetched at once, beside the embed, on every
// page where tabs can talk.

const panelChunk = /\/dist\/chunks\/panel-[\w-]+\.js$/;
const connectionChunk = /\/dist\/chunks\/server-connection-[\w-]+\.js$/;
const hubChunk = /\/dist\/chunks\/hub-link-[\w-]+\.js$/;
const electionChunk = /\/dist\/chunks\/tab-sync-[\w-]+\.js$/;

/** Every chunk the page fetches, in order. */
function chunksFetched(page: Page): string[] {
  const fetched: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    // A chunk's name, then a dash and eight characters of hash.
    if (path.startsWith('/dist/chunks/') && path.endsWith('.js')) fetched.push(path.replace(/^\/dist\/chunks\/|-[\w-]{8}\.js$/g, ''));
  });
  return fetched;
}

/** Lets the page go idle (the widget fetches the panel for a returning visitor then). */
async function idle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 3000 })));
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
}

test('a visitor with no conversation fetches neither the panel, the connection nor the hub client, until they reach for the launcher', async ({ page }) => {
  const fetched = chunksFetched(page);
  await page.goto('/');
  await expect(page.locator('persistent-chat[ready]')).toHaveCount(1);
  await idle(page);
  // The demo's pages have a hub (iframe-url): the gate that tells the tabs when the visitor engages comes at once.
  expect([...fetched].sort()).toEqual(['hub-gate', 'page-context', 'tab-sync']);

  await chat(page).launcher.hover();
  // The panel is one file (with the notices' texts it shares with the connection): what files need comes with the first file.
  const panel = ['hub-gate', 'notice-texts', 'page-context', 'panel', 'tab-sync'];
  await expect.poll(() => [...fetched].sort()).toEqual(panel);
  // Opening the chat engages: the connection's code, the hub client and link hand-off (the hub's sites are linked), with what they share (other-sites), are needed now.
  await chat(page).launcher.click();
  await expect(chat(page).composer).toBeFocused();
  const engaged = [...panel, 'cookie-domain-probe', 'handoff-link', 'hub-link', 'hub-reconcile', 'other-sites', 'server-connection'].sort();
  await expect.poll(() => [...fetched].sort()).toEqual(engaged);
  const text = uniqueText('First words');
  await chat(page).send(text);
  await sessionWith(page, text);
  expect([...fetched].sort()).toEqual(engaged);

  // The files' code comes with the first file chosen: its checks and queueing, and (it is uploaded at once, in this tab that holds the connection) uploading, keeping and progress.
  await chooseFiles(page, [pngFile('first.png')]);
  await expect(chat(page).host.locator('[part~="staged-file"]')).toHaveCount(1);
  const withFiles = [...engaged, 'file-profile', 'kept-files', 'queue-files', 'session-uploads', 'upload-progress'].sort();
  await expect.poll(() => [...fetched].sort()).toEqual(withFiles);
  await chat(page).send('A first file');
  await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(2);
  expect([...fetched].sort()).toEqual(withFiles);
});

test('a returning visitor gets the connection at once and the panel when the page is idle', async ({ page }) => {
  await page.goto('/');
  await chat(page).launcher.click();
  const text = uniqueText('Before the reload');
  await chat(page).send(text);
  await sessionWith(page, text);
  await chat(page).launcher.click();

  const fetched = chunksFetched(page);
  await page.reload();
  await expect(page.locator('persistent-chat[ready]')).toHaveCount(1);
  await idle(page);
  expect(fetched.sort()).toEqual([
    // The probe for the cookie's domain is fetched with a stored conversation: its first write does not wait for it.
    'cookie-domain-probe',
    'handoff-link',
    'hub-gate',
    'hub-link',
    'hub-reconcile',
    'notice-texts',
    'other-sites',
    'page-context',
    'panel',
    'server-connection',
    'tab-sync',
  ]);
  await chat(page).launcher.click();
  await expect(chat(page).bubble(text)).toBeVisible();
});

test('when the panel cannot be fetched, the frame says so, the page hears of it, and trying again opens it', async ({ page }) => {
  await page.route(panelChunk, (route) => route.abort('internetdisconnected'));
  await page.goto('/');
  await expect(page.locator('persistent-chat[ready]')).toHaveCount(1);
  const errors = page.evaluate(
    () =>
      new Promise<string>((resolve) =>
        document.querySelector('persistent-chat')!.addEventListener('chat-error', (event) => resolve((event as CustomEvent<{ code: string }>).detail.code), { once: true }),
      ),
  );
  await chat(page).launcher.click();
  await expect(chat(page).panel).toContainText('could not be loaded');
  expect(await errors).toBe('panel-unavailable');

  await page.unroute(panelChunk);
  await chat(page).panel.getByRole('button', { name: 'Try again' }).click();
  await expect(chat(page).composer).toBeVisible();
  const text = uniqueText('After the retry');
  await chat(page).send(text);
  await sessionWith(page, text);
});

test('when the connection cannot be fetched, the message waits, offline, and goes once the code arrives', async ({ page }) => {
  await page.route(connectionChunk, (route) => route.abort('internetdisconnected'));
  await page.goto('/');
  await chat(page).launcher.click();
  const text = uniqueText('Written before the code came');
  await chat(page).send(text);
  await expect(chat(page).status).toHaveAttribute('data-state', 'offline');
  await expect(chat(page).host.locator('[data-delivery="sending"]')).toHaveCount(1);

  await page.unroute(connectionChunk);
  const session = await sessionWith(page, text);
  expect(session.messages.filter((message) => message.text === text)).toHaveLength(1);
  await expect(chat(page).host.locator('[data-delivery="sending"]')).toHaveCount(0);
});

test('when the hub client cannot be fetched, the hub counts as unreachable and the chat works on this site', async ({ page }) => {
  await page.route(hubChunk, (route) => route.abort('internetdisconnected'));
  await recordThirdPartyReports(page);
  await page.goto(siteUrl('www.shop.localhost'));
  await chat(page).launcher.click();
  await expect.poll(() => thirdPartyReports(page)).toEqual([{ available: false, storage: 'unreachable', access: 'unsupported' }]);
  const text = uniqueText('No hub client');
  await chat(page).send(text);
  await sessionWith(page, text);
  await page.reload();
  await expect(chat(page).bubble(text)).toBeVisible();
});

test('when the election cannot be fetched, the tab holds the connection on its own and the chat works', async ({ page }) => {
  await page.route(electionChunk, (route) => route.abort('internetdisconnected'));
  await page.goto('/');
  await expect(page.locator('persistent-chat[owner]')).toHaveCount(1);
  await chat(page).launcher.click();
  const text = uniqueText('No election code');
  await chat(page).send(text);
  const session = await sessionWith(page, text);
  expect(session.messages.filter((message) => message.text === text)).toHaveLength(1);
  await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(1);
});

test('a tab opened and engaged before its election code arrived: the other tab opens too and connects, and one tab owns', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.locator('persistent-chat[owner]')).toHaveCount(1);
  const late = await context.newPage();
  let release = (): void => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await late.route(electionChunk, async (route) => {
    await held;
    await route.continue();
  });
  await late.goto('/');
  await chat(late).launcher.click();
  await expect(chat(late).composer).toBeVisible();
  release();
  // What the late tab did before it could talk (opened the panel, engaged) reaches the owner once it can.
  await expect(page.locator('persistent-chat[open]')).toHaveCount(1);
  await expect(chat(late).status).toHaveAttribute('data-state', 'connected');
  const owners = await Promise.all([page, late].map((each) => each.locator('persistent-chat[owner]').count()));
  expect(owners.reduce((sum, each) => sum + each, 0)).toBe(1);
});

test('a page in French fetches the French texts; if they cannot come, the widget stays in English and says why', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (message) => void (message.type() === 'warning' && warnings.push(message.text())));
  await page.goto('/');
  await expect(page.locator('persistent-chat[ready]')).toHaveCount(1);
  await page.locator('persistent-chat').evaluate((element) => element.setAttribute('lang', 'fr'));
  await expect(chat(page).launcher).toHaveAttribute('aria-label', 'Ouvrir la discussion');

  await page.route(/\/dist\/chunks\/fr-[\w-]+\.js$/, (route) => route.abort('internetdisconnected'));
  await page.reload();
  await expect(page.locator('persistent-chat[ready]')).toHaveCount(1);
  await page.locator('persistent-chat').evaluate((element) => element.setAttribute('lang', 'fr'));
  await expect.poll(() => warnings.some((warning) => warning.includes('fr texts could not be loaded'))).toBe(true);
  await expect(chat(page).launcher).toHaveAttribute('aria-label', 'Open chat');
  await chat(page).launcher.click();
  await expect(chat(page).composer).toHaveAttribute('placeholder', 'Write a message…');
});
