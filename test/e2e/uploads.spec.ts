import type { Page } from '@playwright/test';
import { admin, chat, chatOnDeployment, expect, session, showDeployment, test, uniqueText } from './helpers.js';
import { chooseFiles, dropFiles, filesOf, pasteFiles, pdfFile, pngFile, sentWithFiles } from './file-helpers.js';

const host = (page: Page) => chat(page).host;
const staged = (page: Page) => host(page).locator('[part~="staged-file"]');

test('files chosen with the attach button go with the text, as one message the agent receives', async ({ page }) => {
  const id = await chatOnDeployment(page, {});
  await chooseFiles(page, [pngFile('boot.png', 320, 240), pdfFile('receipt.pdf')]);
  await expect(staged(page)).toHaveCount(2);
  // The image's thumbnail is there at once, from the local file.
  await expect.poll(() => staged(page).first().locator('img').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(320);
  await expect(staged(page).nth(1)).toContainText('receipt.pdf');
  await expect(staged(page).nth(1)).toContainText('PDF');
  const text = uniqueText('The left boot, and my receipt');
  await chat(page).send(text);
  await expect(staged(page)).toHaveCount(0);

  await expect.poll(() => sentWithFiles(page, id)).toEqual([{ text, names: ['boot.png', 'receipt.pdf'] }]);
  // Uploaded side by side as soon as they were chosen: the server holds them in the order they arrived.
  const files = (await filesOf(page, id)).sort((a, b) => a.name.localeCompare(b.name));
  expect(files.map(({ name, state, uploads, from }) => ({ name, state, uploads, from }))).toEqual([
    { name: 'boot.png', state: 'sent', uploads: 1, from: 'visitor' },
    { name: 'receipt.pdf', state: 'sent', uploads: 1, from: 'visitor' },
  ]);
  // The visitor's own message, acknowledged: the image shown from the server's copy, the file as a chip.
  const mine = host(page).locator('[part~="visitor-message"]', { hasText: text });
  await expect(mine).toHaveAttribute('data-delivery', 'sent');
  await expect(mine.locator('[part~="image-attachment"] img')).toHaveAttribute('src', /^http:\/\/.*\/emulator\/files\//);
  await expect.poll(() => mine.locator('[part~="image-attachment"] img').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(320);
  await expect(mine.locator('[part~="file-attachment"]')).toContainText('receipt.pdf');
  await expect(mine.locator('[part~="file-attachment"]')).toHaveAttribute('rel', 'noopener noreferrer');
});

test('files dropped on the panel, or pasted, are attached; the drop target shows while they are dragged', async ({ page }) => {
  const id = await chatOnDeployment(page, {});
  await dropFiles(page, [pngFile('dragged.png')], { drop: false });
  await expect(host(page).locator('[part~="drop-target"]')).toBeVisible();
  await expect(host(page).locator('[part~="drop-target"]')).toHaveText('Drop files here to send them');
  await dropFiles(page, [pngFile('dragged.png')]);
  await expect(host(page).locator('[part~="drop-target"]')).toHaveCount(0);
  await pasteFiles(page, [pngFile('image.png')]);
  await expect(staged(page)).toHaveCount(2);
  await expect(staged(page).nth(1)).toContainText('image.png');
  await host(page).locator('[part~="send-button"]').click();
  await expect.poll(() => sentWithFiles(page, id)).toEqual([{ text: '', names: ['dragged.png', 'image.png'] }]);
});

test('a file the deployment does not take is refused before anything is uploaded, with the reason beside it', async ({ page }) => {
  const id = await chatOnDeployment(page, {});
  const tooBig = pdfFile('scan.pdf', 10_241_000);
  await chooseFiles(page, [{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('notes') }, tooBig, { name: 'setup.exe', mimeType: 'image/png', buffer: Buffer.from('MZ') }]);
  const refusals = host(page).locator('[part~="file-refusal"]');
  await expect(refusals).toHaveText(['TXT files can’t be sent here', 'This file is over 10 MB', '.exe files can’t be sent here']);
  const text = uniqueText('Only text goes');
  await chat(page).send(text);
  await expect(host(page).locator('[part~="visitor-message"]', { hasText: text })).toHaveAttribute('data-delivery', 'sent');
  expect(await filesOf(page, id)).toEqual([]);
});

test('refusals are said in the page’s language', async ({ page }) => {
  await page.goto('/');
  await page.locator('html').evaluate((html) => html.setAttribute('lang', 'fr'));
  await chat(page).launcher.click();
  await chooseFiles(page, [{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('notes') }]);
  await expect(host(page).locator('[part~="file-refusal"]')).toHaveText('Les fichiers TXT ne peuvent pas être envoyés ici');
  await expect(host(page).locator('[part~="attach-button"]')).toHaveAttribute('aria-label', 'Joindre des fichiers');
});

test('an upload shows its progress, and can be cancelled: the message stays, not sent, and goes once when tried again', async ({ page }) => {
  const id = await chatOnDeployment(page, {});
  const current = (await session(page, id)).deploymentId;
  await admin(page, 'faults', { kind: 'stall-uploads', on: true, deploymentId: current });
  await chooseFiles(page, [pdfFile('slow.pdf', 400_000)]);
  await chat(page).send('With a slow file');
  const upload = host(page).locator('[part~="upload-attachment"]');
  await expect(upload.locator('progress')).toBeVisible();
  await expect(upload.locator('progress')).toHaveAttribute('aria-label', 'Uploading slow.pdf');
  await expect.poll(() => upload.locator('progress').evaluate((bar: HTMLProgressElement) => bar.value)).toBeGreaterThan(0);
  await upload.locator('[part~="cancel-upload"]').click();
  const message = host(page).locator('[part~="visitor-message"]', { hasText: 'With a slow file' });
  await expect(message).toHaveAttribute('data-delivery', 'failed');
  await expect(message.locator('[part~="upload-failure"]')).toHaveText('Cancelled');
  await admin(page, 'faults', { kind: 'stall-uploads', on: false, deploymentId: current });
  // Whatever the held upload left on the server, no message carries it: a message written after it has been answered.
  await chat(page).send('After the cancel');
  await expect(host(page).locator('[part~="visitor-message"]', { hasText: 'After the cancel' })).toHaveAttribute('data-delivery', 'sent');
  expect(await sentWithFiles(page, id)).toEqual([]);
  expect((await filesOf(page, id)).filter(({ state }) => state === 'sent')).toEqual([]);
  await expect(message).toHaveAttribute('data-delivery', 'failed');

  await message.locator('.retry').click();
  await expect(message).toHaveAttribute('data-delivery', 'sent');
  expect(await sentWithFiles(page, id)).toEqual([{ text: 'With a slow file', names: ['slow.pdf'] }]);
  expect((await filesOf(page, id)).filter(({ state }) => state === 'sent')).toHaveLength(1);
});

test('an upload the server refuses is said, and goes when tried again', async ({ page }) => {
  const id = await chatOnDeployment(page, {});
  const { deploymentId } = await session(page, id);
  await page.evaluate(() => {
    const seen: string[] = [];
    document.querySelector('persistent-chat')!.addEventListener('chat-error', (event) => seen.push((event as CustomEvent<{ code: string }>).detail.code));
    (window as unknown as { seenErrors: string[] }).seenErrors = seen;
  });
  await admin(page, 'faults', { kind: 'fail-next-upload', count: 1, errorCode: 4003, deploymentId });
  // Sent by script (a chosen file would be uploaded ahead, before Send: the chip test is the composer's own).
  const scan = pngFile('scan.png');
  void page.locator('persistent-chat').evaluate((element, bytes) => {
    void (element as HTMLElement & { sendFile(file: File, options: { text: string }): Promise<unknown> }).sendFile(new File([new Uint8Array(bytes)], 'scan.png', { type: 'image/png' }), { text: 'Refused once' });
  }, [...scan.buffer]);
  const message = host(page).locator('[part~="visitor-message"]', { hasText: 'Refused once' });
  await expect(message).toHaveAttribute('data-delivery', 'failed');
  await expect(message.locator('[part~="upload-attachment"]')).toHaveAttribute('data-state', 'failed');
  await expect(message.locator('[part~="upload-failure"]')).toHaveText('This file didn’t pass the security check');
  await expect.poll(() => page.evaluate(() => (window as unknown as { seenErrors: string[] }).seenErrors)).toContain('upload-failed');
  await message.locator('.retry').click();
  await expect(message).toHaveAttribute('data-delivery', 'sent');
  expect(await sentWithFiles(page, id)).toEqual([{ text: 'Refused once', names: ['scan.png'] }]);
});

test('an upload cut off by the network is tried again, then failed, then sent when the visitor retries', async ({ page }) => {
  const id = await chatOnDeployment(page, {});
  let cut = 0;
  await page.route('**/emulator/uploads/**', (route) => (route.request().method() === 'PUT' ? (cut++, route.abort('connectionreset')) : route.continue()));
  await chooseFiles(page, [pngFile('flaky.png')]);
  await chat(page).send('Through a bad network');
  const message = host(page).locator('[part~="visitor-message"]', { hasText: 'Through a bad network' });
  await expect(message).toHaveAttribute('data-delivery', 'failed', { timeout: 15_000 });
  expect(cut).toBe(3);
  await page.unroute('**/emulator/uploads/**');
  await message.locator('.retry').click();
  await expect(message).toHaveAttribute('data-delivery', 'sent');
  expect(await sentWithFiles(page, id)).toEqual([{ text: 'Through a bad network', names: ['flaky.png'] }]);
});

test('sent files come back on reload: from the cache at once, and from history', async ({ page }) => {
  const id = await chatOnDeployment(page, {});
  await chooseFiles(page, [pngFile('kept.png', 120, 80), pdfFile('kept.pdf')]);
  await chat(page).send('Keep these');
  await expect(host(page).locator('[data-delivery="sent"]')).toHaveCount(2);
  const { deploymentId } = await session(page, id);
  await page.reload();
  await showDeployment(page, deploymentId);
  const mine = host(page).locator('[part~="visitor-message"]', { hasText: 'Keep these' });
  await expect(mine.locator('[part~="file-attachment"]')).toContainText('kept.pdf');
  await expect.poll(() => mine.locator('[part~="image-attachment"] img').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(120);

  // Without the cache, the transcript is read from history: the files come with it.
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const opening = indexedDB.open('persistent-chat');
        opening.onsuccess = () => {
          const clearing = opening.result.transaction('records', 'readwrite').objectStore('records').clear();
          clearing.onsuccess = () => resolve(opening.result.close());
        };
      }),
  );
  await page.reload();
  await showDeployment(page, deploymentId);
  await expect(mine.locator('[part~="file-attachment"]')).toContainText('kept.pdf');
  await expect.poll(() => mine.locator('[part~="image-attachment"] img').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(120);
  expect((await filesOf(page, id)).map(({ name }) => name)).toEqual(['kept.png', 'kept.pdf']);
});

test('an expired download address of the visitor’s own file is fetched anew (getAttachment) when it is opened', async ({ page }) => {
  // The widget takes an address as expired 15 s before it is: with 16 s, one second after it was issued.
  const id = await chatOnDeployment(page, { attachmentUrlSeconds: 16 });
  await chooseFiles(page, [pdfFile('later.pdf')]);
  await chat(page).send('Open it later');
  const chip = host(page).locator('[part~="file-attachment"]', { hasText: 'later.pdf' });
  const first = (await chip.getAttribute('href'))!;
  const issued = /X-Amz-Date=(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(first)!.slice(1).map(Number);
  const stale = Date.UTC(issued[0]!, issued[1]! - 1, issued[2], issued[3], issued[4], issued[5]) + 1000;
  await expect.poll(() => Date.now() > stale).toBe(true);

  const [opened] = await Promise.all([page.waitForEvent('popup'), chip.click()]);
  await opened.waitForLoadState('domcontentloaded').catch(() => {});
  expect(opened.url()).not.toBe(first);
  expect(new URL(opened.url()).pathname).toBe(new URL(first).pathname);
  expect((await page.request.get(opened.url())).status()).toBe(200);
  expect((await sentWithFiles(page, id))[0]!.names).toEqual(['later.pdf']);
});

test('an agent’s file reaches the visitor', async ({ page }) => {
  const id = await chatOnDeployment(page, {});
  const response = await page.request.post(`/emulator/sessions/${id}/file?name=label.pdf&type=application/pdf&text=${encodeURIComponent('Your return label')}`, { data: pdfFile('label.pdf').buffer, headers: { 'Content-Type': 'application/pdf' } });
  expect(response.ok()).toBe(true);
  const theirs = host(page).locator('[part~="agent-message"]', { hasText: 'Your return label' });
  await expect(theirs.locator('[part~="file-attachment"]')).toContainText('label.pdf');
});

test('a chosen file starts uploading at once, its progress on its chip; Send takes that upload, and removing a chip stops its upload', async ({ page }) => {
  const id = await chatOnDeployment(page, {});
  const { deploymentId } = await session(page, id);
  await admin(page, 'faults', { kind: 'stall-uploads', on: true, deploymentId });
  await chooseFiles(page, [pdfFile('ahead.pdf', 300_000), pdfFile('dropped.pdf', 300_000)]);
  const chips = staged(page);
  await expect(chips.nth(0).locator('[part~="upload-progress"]')).toHaveAttribute('aria-label', 'Uploading ahead.pdf');
  await expect.poll(() => chips.nth(0).locator('progress').evaluate((bar: HTMLProgressElement) => bar.value)).toBeGreaterThan(0);
  // The visitor writes meanwhile, and thinks better of one file.
  await chat(page).composer.fill('The first one only');
  await chips.nth(1).getByRole('button', { name: 'Remove dropped.pdf' }).click();
  await expect(chips).toHaveCount(1);
  await admin(page, 'faults', { kind: 'stall-uploads', on: false, deploymentId });
  // The upload ahead completes before Send: the server holds the file, in no message yet.
  await expect.poll(async () => (await filesOf(page, id)).some(({ name, state }) => name === 'ahead.pdf' && state === 'uploaded')).toBe(true);
  await chat(page).composer.press('Enter');
  await expect(host(page).locator('[part~="visitor-message"]', { hasText: 'The first one only' })).toHaveAttribute('data-delivery', 'sent');
  expect(await sentWithFiles(page, id)).toEqual([{ text: 'The first one only', names: ['ahead.pdf'] }]);
  // Uploaded once: Send took the upload made ahead.
  const files = await filesOf(page, id);
  expect(files.filter(({ name }) => name === 'ahead.pdf').map(({ state, uploads }) => ({ state, uploads }))).toEqual([{ state: 'sent', uploads: 1 }]);
  expect(files.filter(({ name, state }) => name === 'dropped.pdf' && state === 'sent')).toEqual([]);
});

test('from the keyboard alone: Tab to the attach button, Enter opens the file chooser, Enter on a chip’s remove button removes it', async ({ page }) => {
  await chatOnDeployment(page, {});
  await chat(page).composer.focus();
  await page.keyboard.press('Shift+Tab');
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles([pdfFile('by-keyboard.pdf')]);
  await expect(staged(page)).toHaveCount(1);
  await staged(page).getByRole('button', { name: 'Remove by-keyboard.pdf' }).focus();
  await page.keyboard.press('Enter');
  await expect(staged(page)).toHaveCount(0);
});
