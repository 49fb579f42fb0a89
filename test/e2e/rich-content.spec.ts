import type { Page } from '@playwright/test';
import { admin, chat, chatOnDeployment, expect, session, sessionWith, test, uniqueText } from './helpers.js';

async function startChat(page: Page): Promise<string> {
  await page.goto('/');
  await chat(page).launcher.click();
  const text = uniqueText('Can you show me?');
  await chat(page).send(text);
  return (await sessionWith(page, text)).id;
}

/** Everything an agent can send besides text, each as the official schema shapes it. */
const kinds = ['image', 'file', 'card', 'carousel', 'date-picker', 'list-picker', 'unknown'] as const;

for (const arrival of ['live', 'from history'] as const) {
  test(`every kind of agent content is shown, ${arrival}`, async ({ page }) => {
    const id = await startChat(page);
    if (arrival === 'from history') await page.goto('about:blank');
    for (const kind of kinds) await admin(page, `sessions/${id}/messages`, { kind, ...(kind === 'card' ? { text: 'Our best seller:' } : {}) });
    // The panel comes back open, as the visitor left it.
    if (arrival === 'from history') await page.goto('/');
    const host = chat(page).host;
    await expect(host.locator('[part~="image-attachment"] img')).toHaveAttribute('alt', 'boot-left.svg');
    await expect.poll(() => host.locator('[part~="image-attachment"] img').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(320);
    await expect(host.locator('[part~="file-attachment"]')).toContainText('return-label.pdf');
    await expect(host.locator('[part~="file-attachment"]')).toContainText('PDF');
    await expect(chat(page).bubble('Our best seller:')).toBeVisible();
    await expect(host.locator('[part~="card"]')).toHaveCount(4);
    await expect(host.locator('[part~="carousel"] [part~="card"]')).toHaveCount(3);
    await expect(host.locator('[part~="time-slot"]')).toHaveCount(4);
    await expect(host.locator('[part~="list-item"]')).toHaveCount(3);
    await expect(host.locator('[part~="unsupported"]')).toHaveText('This message can’t be shown here.');
  });
}

test('each answer goes back as the schema and the official SDK send it, and shows as the visitor’s message', async ({ page }) => {
  const id = await startChat(page);
  const host = chat(page).host;
  const lastInbound = async () => (await session(page, id)).messages.filter((message) => message.direction === 'Inbound').at(-1)!;

  const card = (await admin<{ id: string }>(page, `sessions/${id}/messages`, { kind: 'card' })).id;
  await host.locator('[part~="card-button"]').click();
  await expect(chat(page).bubble('Choose walking boots')).toBeVisible();
  await expect.poll(async () => (await lastInbound()).answer).toEqual({ type: 'Button', payload: 'BOOTS', originatingMessageId: card });
  expect((await lastInbound()).type).toBe('Structured');

  const picker = (await admin<{ id: string }>(page, `sessions/${id}/messages`, { kind: 'date-picker' })).id;
  const slot = host.locator('[part~="time-slot"]').nth(1);
  const label = (await slot.textContent())!.trim();
  await slot.click();
  await expect(chat(page).bubble(label)).toBeVisible();
  await expect.poll(async () => (await lastInbound()).answer?.type).toBe('DatePicker');
  const answer = (await lastInbound()).answer!;
  expect(answer.originatingMessageId).toBe(picker);
  expect(new Date(answer.payload).getUTCHours()).toBe(10);
  await expect(host.locator('[part~="time-slot"]').first()).toBeDisabled();

  await admin(page, `sessions/${id}/messages`, { kind: 'list-picker' });
  await host.locator('[part~="list-item"]', { hasText: '42' }).click();
  await host.locator('[part~="list-picker-send"]').click();
  await expect(host.locator('.mine .bubble').filter({ hasText: /^42$/ })).toBeVisible();
  await expect.poll(async () => (await lastInbound()).answer).toMatchObject({ type: 'ListPicker', payload: 'size-42' });

  await admin(page, `sessions/${id}/messages`, { text: 'Anything else?', quickReplies: [{ text: 'No, thanks', payload: 'NO' }] });
  await host.locator('[part~="quick-reply"]').click();
  await expect(chat(page).bubble('No, thanks')).toBeVisible();
  await expect.poll(async () => (await lastInbound()).answer).toMatchObject({ type: 'QuickReply', payload: 'NO' });
  await expect(host.locator('[data-delivery="sent"]')).toHaveCount(5);
});

test('agent markdown is rendered as markdown where the deployment enables it, and never as HTML', async ({ page }) => {
  const id = await startChat(page);
  const text = '**Bold** and _leaning_ with `code`\n\n- one\n- two\n\n[Track it](https://track.example/parcel) <img src=x onerror=alert(1)>';
  await admin(page, `sessions/${id}/messages`, { text });
  const bubble = chat(page).host.locator('.markdown');
  await expect(bubble.locator('strong')).toHaveText('Bold');
  await expect(bubble.locator('em')).toHaveText('leaning');
  await expect(bubble.locator('code')).toHaveText('code');
  await expect(bubble.locator('li')).toHaveText(['one', 'two']);
  await expect(bubble.locator('a')).toHaveAttribute('href', 'https://track.example/parcel');
  await expect(bubble.locator('.link-host')).toHaveText('(track.example)');
  await expect(bubble.locator('img')).toHaveCount(0);
  await expect(bubble).toContainText('<img src=x onerror=alert(1)>');
});

test('with markdown off, agent text stays as written', async ({ page }) => {
  const id = await chatOnDeployment(page, { markdown: false });
  await admin(page, `sessions/${id}/messages`, { text: 'Use **two** stars' });
  await expect(chat(page).bubble('Use **two** stars')).toBeVisible();
  await expect(chat(page).host.locator('.markdown')).toHaveCount(0);
});

test('an attachment whose download address expired is fetched anew (getAttachment) when opened', async ({ page }) => {
  const id = await chatOnDeployment(page, { attachmentUrlSeconds: 1 });
  await admin(page, `sessions/${id}/messages`, { kind: 'file' });
  const chip = chat(page).host.locator('[part~="file-attachment"]');
  const first = (await chip.getAttribute('href'))!;
  await expect.poll(async () => (await page.request.get(first)).status()).toBe(403);
  const [popup] = await Promise.all([page.waitForEvent('popup'), chip.click()]);
  await popup.waitForLoadState('domcontentloaded').catch(() => {});
  const fresh = popup.url();
  expect(fresh).not.toBe(first);
  expect(new URL(fresh).pathname).toBe(new URL(first).pathname);
  const download = await page.request.get(fresh);
  expect(download.status()).toBe(200);
  expect((await download.body()).toString('latin1')).toContain('Return label');
});
