import type { BrowserContext, Page } from '@playwright/test';
import { admin, chat, embedWith, expect, session, sessionWith, test, uniqueText } from './helpers.js';
import { chooseFiles, filesOf, pdfFile, pngFile, sentWithFiles } from './file-helpers.js';
import { expectOneOwner, openTab } from './tabs-helpers.js';

/** Every page of `target` shows the widget on a deployment of the test's own (with `more` attributes), from its first moment. */
async function ownDeployment(target: Page | BrowserContext, more: Record<string, string> = {}): Promise<string> {
  const deploymentId = `e2e-${crypto.randomUUID()}`;
  await embedWith(target, { 'deployment-id': deploymentId, ...more });
  return deploymentId;
}

/** The files this origin keeps for the widget in IndexedDB: their names, by attachment id. */
function keptFiles(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const opening = indexedDB.open('persistent-chat');
        opening.onerror = () => resolve([]);
        opening.onsuccess = () => {
          const db = opening.result;
          if (!db.objectStoreNames.contains('records')) return resolve([]);
          const request = db.transaction('records').objectStore('records').getAll();
          request.onsuccess = () => {
            const blobs = request.result.flatMap((value: unknown) => (value && typeof value === 'object' ? Object.values(value).filter((each) => each instanceof Blob) : []));
            db.close();
            resolve(blobs.map((blob) => (blob as File).name ?? 'blob'));
          };
        };
      }),
  );
}

/** Opens the demo, starts a conversation there, and resolves with its session's id. */
async function startChat(page: Page, prefix: string): Promise<string> {
  await page.goto('/');
  await chat(page).launcher.click();
  const first = uniqueText(prefix);
  await chat(page).send(first);
  return (await sessionWith(page, first)).id;
}

/** A second tab of the conversation, which follows `page` (the tab that holds the connection). */
async function followerOf(page: Page, context: BrowserContext, id: string): Promise<Page> {
  const follower = await openTab(context);
  await expectOneOwner([page, follower], id);
  await expect(follower.locator('persistent-chat[owner]')).toHaveCount(0);
  return follower;
}

test('a file chosen while offline is kept through a reload, then sent once when the connection is back', async ({ page }) => {
  const deploymentId = await ownDeployment(page);
  const id = await startChat(page, 'Online');

  await admin(page, 'faults', { kind: 'refuse-connections', deploymentId, ms: 60_000 });
  await admin(page, 'faults', { kind: 'drop-connections', sessionId: id });
  await expect(chat(page).status).toHaveAttribute('data-state', /reconnecting|offline/);
  await chooseFiles(page, [pngFile('offline.png')]);
  await chat(page).send('Chosen offline');
  await expect(chat(page).host.locator('[data-delivery="sending"]')).toHaveCount(1);
  // Kept in IndexedDB, the file itself, while it waits.
  await expect.poll(() => keptFiles(page)).toEqual(['offline.png']);

  await page.reload();
  await expect(chat(page).bubble('Chosen offline')).toBeVisible();
  await expect(chat(page).host.locator('[data-delivery="sending"] [part~="upload-attachment"]')).toContainText('offline.png');
  expect(await filesOf(page, id)).toEqual([]);

  await admin(page, 'faults', { kind: 'refuse-connections', deploymentId, ms: 0 });
  await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(2, { timeout: 20_000 });
  expect(await sentWithFiles(page, id)).toEqual([{ text: 'Chosen offline', names: ['offline.png'] }]);
  expect((await filesOf(page, id)).map(({ name, uploads }) => ({ name, uploads }))).toEqual([{ name: 'offline.png', uploads: 1 }]);
  // Sent: the kept copy is gone.
  await expect.poll(() => keptFiles(page)).toEqual([]);
});

test('a file chosen in a follower tab is uploaded once, even when the owner closes in the middle of it', async ({ page, context }) => {
  const deploymentId = await ownDeployment(context);
  const id = await startChat(page, 'From the first tab');
  const follower = await followerOf(page, context, id);

  await admin(follower, 'faults', { kind: 'stall-uploads', on: true, deploymentId });
  // Open there too: the tabs share how the panel is.
  await expect(chat(follower).panel).toBeVisible();
  await chooseFiles(follower, [pdfFile('from-the-follower.pdf', 200_000)]);
  await chat(follower).send('Sent from the follower');
  // The owner uploads it, and its progress shows in the follower too.
  const bar = chat(follower).host.locator('[part~="upload-attachment"] progress');
  await expect.poll(() => bar.evaluate((progress: HTMLProgressElement) => progress.value)).toBeGreaterThan(0);
  expect(await filesOf(page, id)).toEqual([]);

  await page.close();
  await admin(follower, 'faults', { kind: 'stall-uploads', on: false, deploymentId });
  await expect(follower.locator('persistent-chat[owner]')).toHaveCount(1);
  await expect(chat(follower).host.locator('[data-delivery="sent"]', { hasText: 'Sent from the follower' })).toHaveCount(1, { timeout: 20_000 });
  expect(await sentWithFiles(follower, id)).toEqual([{ text: 'Sent from the follower', names: ['from-the-follower.pdf'] }]);
  const files = await filesOf(follower, id);
  expect(files.map(({ name, state }) => ({ name, state }))).toEqual([{ name: 'from-the-follower.pdf', state: 'sent' }]);
  expect((await session(follower, id)).messages.filter((message) => message.text === 'Sent from the follower')).toHaveLength(1);
});

test('a message whose file the server refused goes with its file when the visitor retries in another tab', async ({ page, context }) => {
  const deploymentId = await ownDeployment(context);
  const id = await startChat(page, 'From the owner');
  const follower = await followerOf(page, context, id);

  await admin(page, 'faults', { kind: 'fail-next-upload', count: 1, errorCode: 4003, deploymentId });
  await expect(chat(follower).panel).toBeVisible();
  await chooseFiles(follower, [pngFile('refused-once.png')]);
  await chat(follower).send('Refused, then retried');
  const inFollower = chat(follower).host.locator('[part~="visitor-message"]', { hasText: 'Refused, then retried' });
  await expect(inFollower).toHaveAttribute('data-delivery', 'failed');
  // The follower asks; the owner, which refused it, still has the file.
  await inFollower.locator('.retry').click();
  await expect(inFollower).toHaveAttribute('data-delivery', 'sent');
  expect(await sentWithFiles(page, id)).toEqual([{ text: 'Refused, then retried', names: ['refused-once.png'] }]);

});

for (const [what, attributes] of [
  ['consent="pending"', { consent: 'pending' }],
  ['persist="none"', { persist: 'none' }],
] as const) {
  test(`with ${what} a file is never written to storage, and is still sent`, async ({ page }) => {
    const deploymentId = await ownDeployment(page, attributes);
    // Every write of a file to IndexedDB, whenever it happens, is counted.
    await page.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      (window as unknown as { fileWrites: number }).fileWrites = 0;
      IDBObjectStore.prototype.put = function (value: unknown, key?: IDBValidKey) {
        if (value instanceof Blob || (value && typeof value === 'object' && Object.values(value).some((each) => each instanceof Blob))) (window as unknown as { fileWrites: number }).fileWrites++;
        return put.call(this, value, key);
      };
    });
    const id = await startChat(page, 'Hello');
    await admin(page, 'faults', { kind: 'stall-uploads', on: true, deploymentId });
    await chooseFiles(page, [pngFile('private.png')]);
    await chat(page).send('Not kept');
    await expect(chat(page).host.locator('[part~="upload-attachment"]')).toBeVisible();
    expect(await keptFiles(page)).toEqual([]);
    await admin(page, 'faults', { kind: 'stall-uploads', on: false, deploymentId });
    await expect.poll(() => sentWithFiles(page, id)).toEqual([{ text: 'Not kept', names: ['private.png'] }]);
    expect(await keptFiles(page)).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { fileWrites: number }).fileWrites)).toBe(0);
  });
}

test('a file that cannot be kept (the storage quota) is said, and still sent while the page stays open', async ({ page }) => {
  await ownDeployment(page);
  // This browser's IndexedDB is full for anything holding a file.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (value: unknown, key?: IDBValidKey) {
      if (value && typeof value === 'object' && Object.values(value).some((each) => each instanceof Blob)) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.call(this, value, key);
    };
  });
  await page.goto('/');
  await page.evaluate(() => {
    const seen: string[] = [];
    document.querySelector('persistent-chat')!.addEventListener('chat-error', (event) => seen.push((event as CustomEvent<{ code: string; message: string }>).detail.message));
    (window as unknown as { seenErrors: string[] }).seenErrors = seen;
  });
  await chat(page).launcher.click();
  const first = uniqueText('Hello');
  await chat(page).send(first);
  const { id } = await sessionWith(page, first);
  await chooseFiles(page, [pngFile('too-much.png')]);
  await chat(page).send('Over the quota');
  await expect.poll(() => sentWithFiles(page, id)).toEqual([{ text: 'Over the quota', names: ['too-much.png'] }]);
  const errors = await page.evaluate(() => (window as unknown as { seenErrors: string[] }).seenErrors);
  expect(errors.some((message) => message.includes('could not be kept on this device') && message.includes('quota'))).toBe(true);
});
