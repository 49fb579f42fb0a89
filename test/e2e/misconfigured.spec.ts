import type { Page } from '@playwright/test';
import { chat, expect, test } from './helpers.js';

/** Replaces the demo's widget with one built from `attributes`, recording its chat-error events. */
async function mountWidget(page: Page, attributes: Record<string, string>): Promise<void> {
  await page.evaluate((attrs) => {
    document.querySelector('persistent-chat')?.remove();
    const errors: unknown[] = [];
    (window as unknown as { chatErrors: unknown[] }).chatErrors = errors;
    document.addEventListener('chat-error', (event) => errors.push((event as CustomEvent).detail));
    const element = document.createElement('persistent-chat');
    for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, value);
    document.body.append(element);
  }, attributes);
}

const chatErrors = (page: Page) => page.evaluate(() => (window as unknown as { chatErrors: Array<{ code: string; message: string }> }).chatErrors);

test('a malformed endpoint gives chat-error and one warning, and the page stays usable', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.goto('/');
  await mountWidget(page, { 'deployment-id': 'fernhill-demo', endpoint: 'https://not-a-websocket.example/v1' });

  await expect.poll(() => chatErrors(page)).toEqual([
    expect.objectContaining({ code: 'invalid-attribute', message: expect.stringContaining('endpoint') }),
  ]);
  expect(warnings.filter((warning) => warning.includes('endpoint'))).toHaveLength(1);

  const widget = chat(page);
  await widget.launcher.click();
  await expect(widget.panel).toContainText('unavailable');
  await expect(widget.composer).toBeDisabled();

  await page.getByRole('link', { name: 'Help centre' }).first().click();
  await expect(page).toHaveURL(/\/help\/$/);
  await expect(page.getByRole('heading', { name: 'Help centre' })).toBeVisible();
});

test('a server that cannot be reached is reported once, and the visitor is told', async ({ page }) => {
  await page.goto('/');
  await mountWidget(page, { 'deployment-id': 'fernhill-demo', endpoint: 'ws://localhost:9/v1' });
  const widget = chat(page);
  await widget.launcher.click();
  await widget.send('Is anyone there?');
  await expect.poll(() => chatErrors(page)).toEqual([expect.objectContaining({ code: 'connection-failed' })]);
  await expect(widget.status).toHaveAttribute('data-state', /connecting|offline/);
  await expect(widget.host.locator('[data-delivery="sending"]')).toHaveCount(1);
  await expect(page.getByRole('heading', { name: /long days on the trail/ })).toBeVisible();
});
