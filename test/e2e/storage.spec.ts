import type { Page } from '@playwright/test';
import { admin, chat, expect, session, sessionWith, siteUrl, storedState, test, uniqueText } from './helpers.js';

/** The message texts in this origin's transcript cache (IndexedDB). */
function cachedTexts(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const request = indexedDB.open('persistent-chat');
        request.onsuccess = () => {
          const store = request.result.transaction('records').objectStore('records');
          const all = store.getAll();
          all.onsuccess = () =>
            resolve(
              (all.result as string[])
                .filter((value) => value.startsWith('{'))
                .flatMap((value) => (JSON.parse(value) as { messages: Array<{ text: string }> }).messages.map((message) => message.text)),
            );
        };
      }),
  );
}

test('a chat started on www.shop continues on help.shop with the same session and transcript', async ({ page }) => {
  await page.goto(siteUrl('www.shop.localhost'));
  const question = uniqueText('Where is my parcel?');
  await chat(page).launcher.click();
  await chat(page).send(question);
  const { id } = await sessionWith(page, question);
  await admin(page, `sessions/${id}/messages`, { text: 'It left the warehouse this morning.' });
  await expect(chat(page).bubble('It left the warehouse this morning.')).toBeVisible();
  expect(await page.locator('persistent-chat').evaluate((element) => (element as HTMLElement & { storageStatus: unknown }).storageStatus)).toEqual({ adapter: 'cookie', scope: 'shared', cacheAdapter: 'indexeddb' });
  expect((await storedState(page)).cookies).toEqual([expect.stringMatching(/^pchat_[0-9a-f]{8}@\.shop\.localhost=v1\./)]);

  await page.goto(siteUrl('help.shop.localhost', '/help/'));
  // The panel was left open, so it opens again by itself, with the conversation in it.
  await expect(chat(page).panel).toBeVisible();
  await expect(chat(page).bubbles).toHaveText([question, 'It left the warehouse this morning.']);
  const followUp = uniqueText('Thanks, and can I change the address?');
  await chat(page).send(followUp);
  await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(2);

  const server = await session(page, id);
  expect(server.messages.map((message) => message.text)).toEqual([question, 'It left the warehouse this morning.', followUp]);
  expect(server.maxConcurrentConnections).toBe(1);
});

test('on localhost the cookie stays on the host, and a reload shows the cached transcript before the socket answers', async ({ page }) => {
  await page.goto('/');
  const question = uniqueText('Do you price-match?');
  await chat(page).launcher.click();
  await chat(page).send(question);
  const { id } = await sessionWith(page, question);
  await admin(page, `sessions/${id}/messages`, { text: 'We do, within 14 days.' });
  await expect(chat(page).bubble('We do, within 14 days.')).toBeVisible();
  const [cookie] = (await page.context().cookies()).filter((each) => each.name.startsWith('pchat_'));
  expect(cookie?.domain).toBe('localhost');
  await expect.poll(() => cachedTexts(page)).toContain('We do, within 14 days.');

  // With the emulator refusing connections, only the cache can put the transcript on screen.
  await admin(page, 'faults', { kind: 'refuse-connections', deploymentId: 'fernhill-demo', ms: 3000 });
  await page.reload();
  await expect(chat(page).bubbles).toHaveText([question, 'We do, within 14 days.']);
  await expect(chat(page).status).not.toHaveAttribute('data-state', 'connected');
  await expect(chat(page).status).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
  await expect(chat(page).bubbles).toHaveText([question, 'We do, within 14 days.']);
});

test('a page on another site does not see the session', async ({ page }) => {
  await page.goto(siteUrl('www.shop.localhost'));
  const question = uniqueText('Secret question');
  await chat(page).launcher.click();
  await chat(page).send(question);
  await sessionWith(page, question);

  const shopCookie = (await page.context().cookies()).find((cookie) => cookie.name.startsWith('pchat_'))!;

  await page.goto(siteUrl('www.partner.localhost'));
  await expect(page.locator('persistent-chat[ready]')).toHaveCount(1);
  expect(await storedState(page)).toEqual({ cookies: [], localKeys: [], databases: [] });
  await expect(chat(page).panel).toHaveCount(0);
  await chat(page).launcher.click();
  await expect(chat(page).bubbles).toHaveCount(0);
  // Engaging here starts the partner site's own session, never the shop's.
  await expect.poll(async () => (await storedState(page)).cookies.length).toBe(1);
  const [partnerCookie] = (await storedState(page)).cookies;
  expect(partnerCookie).toContain('@.partner.localhost=');
  expect(partnerCookie!.split('.')[3]).not.toBe(shopCookie.value.split('.')[1]);
});

test('no message text or attribute value ever goes into a cookie', async ({ page }) => {
  await page.goto(siteUrl('www.shop.localhost'));
  const secret = uniqueText('my card ends in 4242');
  await chat(page).launcher.click();
  await chat(page).send(secret);
  const { id } = await sessionWith(page, secret);
  await admin(page, `sessions/${id}/messages`, { text: 'Please never share card numbers here.' });
  await expect(chat(page).bubble('Please never share card numbers')).toBeVisible();
  const cookies = await page.context().cookies();
  const ours = cookies.filter((cookie) => cookie.name.startsWith('pchat_'));
  expect(ours).toHaveLength(1);
  expect(ours[0]!.name.length + ours[0]!.value.length).toBeLessThan(200);
  for (const cookie of cookies) {
    expect(cookie.value).not.toContain('4242');
    expect(cookie.value).not.toContain('card');
  }
  expect(ours[0]).toMatchObject({ sameSite: 'Lax', expires: -1 });
});

test('consent pending keeps everything in memory, and granting it moves the conversation to storage', async ({ page }) => {
  await page.goto('/');
  await page.locator('persistent-chat').evaluate((element) => element.setAttribute('consent', 'pending'));
  const question = uniqueText('Asked before consent');
  await chat(page).launcher.click();
  await chat(page).send(question);
  await sessionWith(page, question);
  await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(1);
  expect(await storedState(page)).toEqual({ cookies: [], localKeys: [], databases: [] });

  await page.locator('persistent-chat').evaluate((element) => element.setAttribute('consent', 'granted'));
  await expect.poll(async () => (await storedState(page)).cookies.length).toBe(1);
  await page.reload();
  await expect(chat(page).panel).toBeVisible();
  await expect(chat(page).bubbles).toHaveText([question]);
});

test('consent denied writes nothing anywhere, and deletes what an earlier visit stored', async ({ page }) => {
  await page.goto('/');
  await chat(page).launcher.click();
  const earlier = uniqueText('Earlier visit');
  await chat(page).send(earlier);
  await sessionWith(page, earlier);
  // The tab records that the visitor used it last (as on any focus), so that goes too.
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect.poll(async () => (await storedState(page)).localKeys.some((key) => key.endsWith(':focus'))).toBe(true);

  await page.locator('persistent-chat').evaluate((element) => element.setAttribute('consent', 'denied'));
  const later = uniqueText('Asked with consent denied');
  await chat(page).send(later);
  await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(2);
  const state = await storedState(page);
  expect(state.cookies).toEqual([]);
  expect(state.localKeys).toEqual([]);
  const records = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const request = indexedDB.open('persistent-chat');
        request.onsuccess = () => {
          const db = request.result;
          const count = db.transaction('records').objectStore('records').count();
          count.onsuccess = () => resolve(count.result);
        };
      }),
  );
  expect(records).toBe(0);
});
