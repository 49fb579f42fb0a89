import type { Page } from '@playwright/test';
import { admin, chat, expect, session, sessionWith, test, uniqueText } from './helpers.js';

/** The demo page with a deployment of the test's own, so that global faults stay out of other tests' way. */
async function ownDeployment(page: Page): Promise<string> {
  const deploymentId = `e2e-${crypto.randomUUID()}`;
  await page.goto('/');
  await page.locator('persistent-chat').evaluate((element, id) => element.setAttribute('deployment-id', id), deploymentId);
  await chat(page).launcher.click();
  return deploymentId;
}

test('malformed frames from the server are ignored with a warning, and the connection carries on', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (message) => void (message.type() === 'warning' && warnings.push(message.text())));
  await ownDeployment(page);
  const text = uniqueText('Hello');
  await chat(page).send(text);
  const { id } = await sessionWith(page, text);
  await admin(page, 'faults', { kind: 'malformed-frames', sessionId: id });
  await admin(page, `sessions/${id}/messages`, { text: 'Still here after the garbage' });
  await expect(chat(page).bubble('Still here after the garbage')).toBeVisible();
  await expect(chat(page).bubbles).toHaveCount(2);
  expect(warnings.some((warning) => warning.includes('not JSON'))).toBe(true);
  expect(warnings.some((warning) => warning.includes('larger than'))).toBe(true);
  const server = await session(page, id);
  expect(server.connections).toBe(1);
  expect(server.maxConcurrentConnections).toBe(1);
  expect((await admin<Array<{ kind: string }>>(page, 'faults')).map((fault) => fault.kind)).toContain('malformed-frames');
});

test('rate-limit answers are waited out: every message arrives once, in order', async ({ page }) => {
  await ownDeployment(page);
  const first = uniqueText('first');
  await chat(page).send(first);
  const { id } = await sessionWith(page, first);
  await admin(page, 'faults', { kind: 'too-many-requests', count: 3 });
  const texts = ['second', 'third', 'fourth', 'fifth'].map((each) => uniqueText(each));
  for (const text of texts) await chat(page).send(text);
  await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(5, { timeout: 20_000 });
  await expect(chat(page).host.locator('[data-delivery="failed"]')).toHaveCount(0);
  expect((await session(page, id)).messages.map((message) => message.text)).toEqual([first, ...texts]);
});

test('frames delivered out of order are shown in the order the server gave them', async ({ page }) => {
  const deploymentId = await ownDeployment(page);
  const text = uniqueText('Go');
  await chat(page).send(text);
  const { id } = await sessionWith(page, text);
  await admin(page, 'faults', { kind: 'reorder-frames', windowMs: 300, deploymentId });
  try {
    await admin(page, `sessions/${id}/messages`, { texts: Array.from({ length: 20 }, (_, i) => `Reordered ${i + 1}`) });
    // Shuffled, the last message can arrive first: wait for all twenty.
    await expect(chat(page).bubbles.filter({ hasText: /^Reordered \d+$/ })).toHaveCount(20);
    const shown = (await chat(page).bubbles.allTextContents()).filter((each) => each.startsWith('Reordered'));
    expect(shown).toEqual(Array.from({ length: 20 }, (_, i) => `Reordered ${i + 1}`));
  } finally {
    await admin(page, 'faults', { kind: 'reorder-frames', windowMs: 0, deploymentId });
  }
});

test('frames held back by a slow server still deliver each message once, in order, and the acknowledgements arrive', async ({ page }) => {
  const deploymentId = await ownDeployment(page);
  const first = uniqueText('Before the slowdown');
  await chat(page).send(first);
  const { id } = await sessionWith(page, first);
  await admin(page, 'faults', { kind: 'delay-frames', ms: 400, deploymentId });
  try {
    const slow = [uniqueText('Slow one'), uniqueText('Slow two'), uniqueText('Slow three')];
    for (const text of slow) await chat(page).send(text);
    // The agent answers while the visitor's messages are still on their way, one at a time.
    await admin(page, `sessions/${id}/messages`, { text: 'An answer, delayed' });
    await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(4);
    const stored = (await session(page, id)).messages;
    expect(stored.filter((message) => message.direction === 'Inbound').map((message) => message.text)).toEqual([first, ...slow]);
    // Every message once, in the order the server holds them.
    await expect(chat(page).bubbles).toHaveText(stored.map((message) => message.text));
  } finally {
    await admin(page, 'faults', { kind: 'delay-frames', ms: 0, deploymentId });
  }
});

test('a server restart, and a close with an error code, are reconnected through without losing a message', async ({ page }) => {
  const deploymentId = await ownDeployment(page);
  const text = uniqueText('Before');
  await chat(page).send(text);
  const { id } = await sessionWith(page, text);

  await admin(page, 'faults', { kind: 'refuse-connections', deploymentId, ms: 1500 });
  await admin(page, 'faults', { kind: 'drop-connections', sessionId: id });
  const during = uniqueText('During the restart');
  await chat(page).send(during);
  await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(2, { timeout: 15_000 });

  await admin(page, 'faults', { kind: 'close-connections', code: 1011, reason: 'internal error' });
  await expect(chat(page).status).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
  await admin(page, `sessions/${id}/messages`, { text: 'Back after the close' });
  await expect(chat(page).bubble('Back after the close')).toBeVisible();
  const server = await session(page, id);
  expect(server.messages.filter((message) => message.text === during)).toHaveLength(1);
});

test('a message the server stored but whose echo was lost with the connection is not sent again', async ({ page }) => {
  await ownDeployment(page);
  const first = uniqueText('first');
  await chat(page).send(first);
  const { id } = await sessionWith(page, first);
  await admin(page, 'faults', { kind: 'drop-before-echo', count: 1 });
  const lost = uniqueText('Echo lost');
  await chat(page).send(lost);
  await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(2, { timeout: 15_000 });
  const after = uniqueText('After the reconnect');
  await chat(page).send(after);
  await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(3);
  const texts = (await session(page, id)).messages.map((message) => message.text);
  expect(texts).toEqual([first, lost, after]);
  await expect(chat(page).bubble(lost)).toHaveCount(1);
});
