import type { Page } from '@playwright/test';
import { admin, chat, expect, session, sessionWith, test, uniqueText } from './helpers.js';

/**
 * The demo shop, with the widget on a deployment of the test's own from its first moment
 * (set as the element is parsed, before it upgrades), on every load of the page.
 */
async function onOwnDeployment(page: Page): Promise<string> {
  const deploymentId = `e2e-${crypto.randomUUID()}`;
  await page.addInitScript((id) => {
    new MutationObserver((_, observer) => {
      const element = document.querySelector('persistent-chat');
      if (!element) return;
      element.setAttribute('deployment-id', id);
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  }, deploymentId);
  await page.goto('/');
  await expect(page.locator(`persistent-chat[deployment-id="${deploymentId}"][ready]`)).toHaveCount(1);
  return deploymentId;
}

test('messages written while offline are kept through a reload, then sent once each, in order', async ({ page }) => {
  const deploymentId = await onOwnDeployment(page);
  await chat(page).launcher.click();
  const first = uniqueText('Online');
  await chat(page).send(first);
  const { id } = await sessionWith(page, first);

  await admin(page, 'faults', { kind: 'refuse-connections', deploymentId, ms: 60_000 });
  await admin(page, 'faults', { kind: 'drop-connections', sessionId: id });
  await expect(chat(page).status).toHaveAttribute('data-state', /reconnecting|offline/);
  const offline = [uniqueText('Written offline, first'), uniqueText('Written offline, second')];
  for (const text of offline) await chat(page).send(text);
  await expect(chat(page).host.locator('[data-delivery="sending"]')).toHaveCount(2);

  await page.reload();
  // Back from the cache before any connection: still waiting to be sent.
  await expect(chat(page).bubbles).toHaveText([first, ...offline]);
  await expect(chat(page).host.locator('[data-delivery="sending"]')).toHaveCount(2);
  expect((await session(page, id)).messages.map((message) => message.text)).toEqual([first]);

  await admin(page, 'faults', { kind: 'refuse-connections', deploymentId, ms: 0 });
  await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(3, { timeout: 20_000 });
  expect((await session(page, id)).messages.map((message) => message.text)).toEqual([first, ...offline]);
  await expect(chat(page).bubbles).toHaveText([first, ...offline]);
});

test('a double-clicked send button sends the message once', async ({ page }) => {
  await onOwnDeployment(page);
  await chat(page).launcher.click();
  const text = uniqueText('Clicked twice');
  await chat(page).composer.fill(text);
  await chat(page).host.locator('[part~="send-button"]').dblclick();
  const { id } = await sessionWith(page, text);
  // One message at a time is in flight: a second send, had there been one, would land before this.
  const next = uniqueText('Then once more');
  await chat(page).send(next);
  await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(2);
  expect((await session(page, id)).messages.map((message) => message.text)).toEqual([text, next]);
  await expect(chat(page).bubble(text)).toHaveCount(1);
});
