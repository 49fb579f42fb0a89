import type { Page } from '@playwright/test';
import { admin, chat, expect, session, sessionWith, test, uniqueText, type EmulatorSession } from './helpers.js';

type WithAttributes = EmulatorSession & { customAttributes: Record<string, string>; attributeUpdates: number };

async function attributesOf(page: Page, id: string): Promise<WithAttributes> {
  return (await session(page, id)) as WithAttributes;
}

function chatErrors(page: Page): Promise<Array<{ code: string; message: string }>> {
  return page.evaluate(() => (window as unknown as { chatErrors?: Array<{ code: string; message: string }> }).chatErrors ?? []);
}

test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => {
    const errors: unknown[] = [];
    (window as unknown as { chatErrors: unknown[] }).chatErrors = errors;
    document.addEventListener('chat-error', (event) => errors.push((event as CustomEvent).detail));
  });
});

test('attributes from the guest-attributes attribute arrive with the page context, without query or fragment', async ({ page }) => {
  await page.goto('/?utm_source=newsletter&email=alex@example.com#offers');
  await page.locator('persistent-chat').evaluate((element) =>
    element.setAttribute('guest-attributes', JSON.stringify({ 'custom.userId': 'user-12345', 'custom.visits': 7, 'custom.isAuthenticated': true })),
  );
  await chat(page).launcher.click();
  const text = uniqueText('Hello with attributes');
  await chat(page).send(text);
  const { id } = await sessionWith(page, text);
  const server = await attributesOf(page, id);
  expect(server.customAttributes).toEqual({
    'custom.userId': 'user-12345',
    'custom.visits': '7',
    'custom.isAuthenticated': 'true',
    source: 'web',
    url: `${new URL(page.url()).origin}/`,
    pageTitle: 'Fernhill Outfitters · Gear for every trail',
  });
});

test('a property set before the element is defined is picked up, and setGuestAttributes merges into it', async ({ page }) => {
  await page.goto('/dynamic/');
  await expect(page.locator('persistent-chat[ready]')).toHaveCount(1);
  await page.locator('persistent-chat').evaluate((element) => (element as HTMLElement & { setGuestAttributes(a: object): Promise<void> }).setGuestAttributes({ 'custom.plan': 'annual' }));
  await chat(page).launcher.click();
  const text = uniqueText('From my account page');
  await chat(page).send(text);
  const { id } = await sessionWith(page, text);
  expect((await attributesOf(page, id)).customAttributes).toMatchObject({
    'custom.userId': 'user-12345',
    'custom.membershipLevel': 'Gold',
    'custom.isAuthenticated': 'true',
    'custom.plan': 'annual',
    pageTitle: 'Your account · Fernhill Outfitters',
  });
});

test('setGuestAttributes works before chat-ready, as the product documents recommend on ready, and later', async ({ page, context }) => {
  await context.addInitScript(() => {
    void customElements.whenDefined('persistent-chat').then(() => {
      const element = document.querySelector('persistent-chat') as HTMLElement & { setGuestAttributes(a: object): Promise<void>; ready: boolean };
      (window as unknown as { readyWhenSet: boolean }).readyWhenSet = element.ready;
      void element.setGuestAttributes({ 'custom.early': 'yes' });
      element.addEventListener('chat-ready', () => void element.setGuestAttributes({ 'custom.onReady': 'yes' }));
    });
  });
  await page.goto('/');
  await expect(page.locator('persistent-chat[ready]')).toHaveCount(1);
  expect(await page.evaluate(() => (window as unknown as { readyWhenSet: boolean }).readyWhenSet)).toBe(false);
  await chat(page).launcher.click();
  const first = uniqueText('first');
  await chat(page).send(first);
  const { id } = await sessionWith(page, first);
  expect((await attributesOf(page, id)).customAttributes).toMatchObject({ 'custom.early': 'yes', 'custom.onReady': 'yes' });

  await page.locator('persistent-chat').evaluate((element) => (element as HTMLElement & { setGuestAttributes(a: object): Promise<void> }).setGuestAttributes({ 'custom.late': 'yes' }));
  await chat(page).send(uniqueText('second'));
  await expect.poll(async () => (await attributesOf(page, id)).customAttributes['custom.late']).toBe('yes');
});

test('attributes are sent again only when they change, and not after a reload', async ({ page }) => {
  await page.goto('/');
  await chat(page).launcher.click();
  const first = uniqueText('one');
  await chat(page).send(first);
  const { id } = await sessionWith(page, first);
  for (const text of ['two', 'three']) await chat(page).send(uniqueText(text));
  await expect.poll(async () => (await attributesOf(page, id)).messages.length).toBe(3);
  expect((await attributesOf(page, id)).attributeUpdates).toBe(1);

  await page.locator('persistent-chat').evaluate((element) => element.setAttribute('guest-attributes', '{"custom.plan":"gold"}'));
  await chat(page).send(uniqueText('four'));
  await expect.poll(async () => (await attributesOf(page, id)).attributeUpdates).toBe(2);
  expect((await attributesOf(page, id)).customAttributes['custom.plan']).toBe('gold');

  await page.reload();
  await page.locator('persistent-chat').evaluate((element) => element.setAttribute('guest-attributes', '{"custom.plan":"gold"}'));
  await chat(page).send(uniqueText('five, after a reload'));
  await expect.poll(async () => (await attributesOf(page, id)).messages.length).toBe(5);
  expect((await attributesOf(page, id)).attributeUpdates).toBe(2);
});

test('attributes over the byte budget are refused with attributes-too-large, and page context is shortened to fit', async ({ page }) => {
  await page.goto('/');
  const refusal = await page.locator('persistent-chat').evaluate((element) =>
    (element as HTMLElement & { setGuestAttributes(a: object): Promise<void> }).setGuestAttributes({ 'custom.notes': 'x'.repeat(3000) }).then(
      () => 'accepted',
      (error: Error) => `${error.name}: ${error.message}`,
    ),
  );
  expect(refusal).toContain('RangeError');
  expect(await chatErrors(page)).toEqual([expect.objectContaining({ code: 'attributes-too-large', message: expect.stringContaining('2048') })]);

  await page.evaluate(() => (document.title = `A very long page title ${'é'.repeat(1500)}`));
  await page.locator('persistent-chat').evaluate((element) => element.setAttribute('guest-attributes', JSON.stringify({ 'custom.notes': 'n'.repeat(1200) })));
  await chat(page).launcher.click();
  const text = uniqueText('fits the budget');
  await chat(page).send(text);
  await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(1);
  const { id } = await sessionWith(page, text);
  const attributes = (await attributesOf(page, id)).customAttributes;
  expect(attributes['custom.notes']).toHaveLength(1200);
  expect(attributes.pageTitle?.endsWith('…')).toBe(true);
  const bytes = Object.entries(attributes).reduce((sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(value), 0);
  expect(bytes).toBeLessThanOrEqual(2048);
});

test('malformed guest-attributes give chat-error and one warning, and the chat works without them', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (message) => void (message.type() === 'warning' && warnings.push(message.text())));
  await page.goto('/');
  await page.locator('persistent-chat').evaluate((element) => element.setAttribute('guest-attributes', '{"custom.userId": user-12345}'));
  await page.locator('persistent-chat').evaluate((element) => element.setAttribute('guest-attributes', '{"nested": {"not": "allowed"}}'));
  await expect.poll(() => chatErrors(page)).toEqual([
    expect.objectContaining({ code: 'invalid-attribute', message: expect.stringContaining('guest-attributes') }),
    expect.objectContaining({ code: 'invalid-attribute', message: expect.stringContaining('"nested"') }),
  ]);
  expect(warnings.filter((warning) => warning.includes('guest-attributes'))).toHaveLength(2);
  await chat(page).launcher.click();
  const text = uniqueText('still works');
  await chat(page).send(text);
  const { id } = await sessionWith(page, text);
  expect(Object.keys((await attributesOf(page, id)).customAttributes).sort()).toEqual(['pageTitle', 'source', 'url']);
  await admin(page, `sessions/${id}/messages`, { text: 'Yes it does' });
  await expect(chat(page).bubble('Yes it does')).toBeVisible();
});
