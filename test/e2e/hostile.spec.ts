import type { Page } from '@playwright/test';
import { hostilePayloads } from './fixtures/hostile-payloads.js';
import { admin, chat, expect, sessionWith, test, uniqueText } from './helpers.js';

const owned = (page: Page) => page.evaluate(() => (window as unknown as { __owned?: number }).__owned);

/** Elements in the widget that carry an event-handler attribute: there must be none. */
const handlersInWidget = (page: Page) =>
  page.locator('persistent-chat').evaluate((element) =>
    [...element.shadowRoot!.querySelectorAll('*')].filter((each) => [...each.attributes].some((attribute) => attribute.name.startsWith('on'))).map((each) => each.outerHTML),
  );

test(`${hostilePayloads.length * 4} injections in agent text, nicknames, quick replies and avatars run nothing and show as text`, async ({ page, browser }) => {
  expect(hostilePayloads.length * 4).toBeGreaterThanOrEqual(50);
  await page.goto('/');
  await page.locator('persistent-chat').evaluate((element) => ((element as HTMLElement & { windowSize: number }).windowSize = 500));
  await chat(page).launcher.click();
  const text = uniqueText('Hello');
  await chat(page).send(text);
  const { id } = await sessionWith(page, text);
  for (const payload of hostilePayloads) {
    await admin(page, `sessions/${id}/messages`, { text: payload, nickname: payload, image: payload, quickReplies: [{ text: payload, payload }] });
  }
  await expect(chat(page).bubbles).toHaveCount(hostilePayloads.length + 1);
  const shown = await chat(page).bubbles.allTextContents();
  for (const payload of hostilePayloads) expect(shown).toContain(payload);
  await expect(chat(page).host.locator('[part~="quick-reply"]').last()).toHaveText(hostilePayloads.at(-1)!);
  expect(await owned(page)).toBeUndefined();
  expect(await handlersInWidget(page)).toEqual([]);
  await expect(chat(page).host.locator('script, object, embed, video, svg[onload], math')).toHaveCount(0);
  // The only frames are the widget's own storage hub (the demo page sets iframe-url).
  const frames = await chat(page).host.locator('iframe').evaluateAll((each) => each.map((frame) => new URL((frame as HTMLIFrameElement).src).origin));
  expect(new Set(frames)).toEqual(new Set([new URL(await chat(page).host.getAttribute('iframe-url') ?? '').origin]));

  // The agent sees the same texts in the console, also as text.
  const console = await browser.newPage();
  await console.goto('/agent/');
  await console.getByRole('button', { name: new RegExp(`Visitor ${id.slice(0, 8)}`) }).click();
  await expect(console.getByLabel('Transcript')).toContainText(hostilePayloads[0]!);
  expect(await owned(console)).toBeUndefined();
  await console.close();
});

test('hostile guest attribute values reach the contact centre as text', async ({ page, browser }) => {
  await page.goto('/');
  const attributes = Object.fromEntries(hostilePayloads.slice(0, 20).map((payload, i) => [`custom.hostile${i}`, payload]));
  await page.locator('persistent-chat').evaluate((element, value) => element.setAttribute('guest-attributes', JSON.stringify(value)), attributes);
  await chat(page).launcher.click();
  const text = uniqueText('With hostile attributes');
  await chat(page).send(text);
  const { id } = await sessionWith(page, text);
  const sessions = await admin<Array<{ id: string; customAttributes: Record<string, string> }>>(page, 'sessions');
  expect(sessions.find((each) => each.id === id)!.customAttributes).toMatchObject(attributes);
  const console = await browser.newPage();
  await console.goto('/agent/');
  await console.getByRole('button', { name: new RegExp(text.slice(-8)) }).click();
  await expect(console.locator('dd').first()).toBeVisible();
  const values = await console.locator('dd').allTextContents();
  for (const payload of hostilePayloads.slice(0, 20)) expect(values).toContain(payload);
  expect(await owned(console)).toBeUndefined();
  expect(await owned(page)).toBeUndefined();
  await console.close();
});

test('a tampered stored conversation is shown as text, and hostile avatars are dropped', async ({ page }) => {
  await page.goto('/');
  await chat(page).launcher.click();
  const text = uniqueText('Before tampering');
  await chat(page).send(text);
  await sessionWith(page, text);
  await expect.poll(() => page.evaluate(() => new Promise<number>((resolve) => {
    const open = indexedDB.open('persistent-chat');
    open.onsuccess = () => {
      const count = open.result.transaction('records').objectStore('records').count();
      count.onsuccess = () => resolve(count.result);
    };
  }))).toBeGreaterThan(0);
  await page.evaluate(async (payloads) => {
    const messages = payloads.map((payload, i) => ({ id: `evil-${i}`, author: 'agent', text: payload, senderName: payload, avatarUrl: i % 2 ? 'javascript:window.__owned=1' : payload, time: new Date(Date.now() - 60_000 + i).toISOString() }));
    const value = JSON.stringify({ v: 1, messages, outbox: [], draft: '<img src=x onerror=window.__owned=1>' });
    await new Promise<void>((resolve) => {
      const open = indexedDB.open('persistent-chat');
      open.onsuccess = () => {
        const store = open.result.transaction('records', 'readwrite').objectStore('records');
        const keys = store.getAllKeys();
        keys.onsuccess = () => {
          for (const key of keys.result) if (String(key).endsWith(':cache')) store.put(value, key);
          store.transaction.oncomplete = () => resolve();
        };
      };
    });
  }, [...hostilePayloads]);
  await page.goto('/help/');
  await expect(chat(page).bubble(hostilePayloads[0]!)).toBeVisible();
  expect(await owned(page)).toBeUndefined();
  expect(await handlersInWidget(page)).toEqual([]);
  await expect(chat(page).host.locator('.avatar[src^="javascript"]')).toHaveCount(0);
  await expect(chat(page).composer).toHaveValue('<img src=x onerror=window.__owned=1>');
});
