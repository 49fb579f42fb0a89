import type { Page } from '@playwright/test';
import { admin, chat, expect, session, sessionWith, test, uniqueText } from './helpers.js';

// The emulator speaks as the real service does by default: answers carry no tracingId
// (only the guest's echoes and the echo reply do), and history keeps no client metadata.

/** Gives this test a deployment of its own, with these settings (see the README's emulator section). */
async function useDeployment(page: Page, settings: Record<string, unknown> = {}): Promise<string> {
  const deploymentId = `d-${crypto.randomUUID().slice(0, 8)}`;
  await admin(page, `deployments/${deploymentId}`, settings);
  await showDeployment(page, deploymentId);
  return deploymentId;
}

/** Points the page's widget at `deploymentId` (again after a reload: the page's own tag names the demo's). */
async function showDeployment(page: Page, deploymentId: string): Promise<void> {
  await page.locator('persistent-chat').evaluate((element, id) => element.setAttribute('deployment-id', id), deploymentId);
}

async function recordProblems(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const problems: unknown[] = [];
    (window as unknown as { chatProblems: unknown[] }).chatProblems = problems;
    document.addEventListener('chat-error', (event) => problems.push((event as CustomEvent).detail));
  });
}

const problems = (page: Page) => page.evaluate(() => (window as unknown as { chatProblems: Array<{ code: string }> }).chatProblems.map((each) => each.code));

test('a message the server refuses as too long (4011, untagged) is marked failed, not sent again', async ({ page }) => {
  await page.goto('/');
  await chat(page).launcher.click();
  const first = uniqueText('Hello');
  await chat(page).send(first);
  const { id } = await sessionWith(page, first);
  const outcome = await page.locator('persistent-chat').evaluate((element: HTMLElement & { send(text: string): Promise<{ delivery?: string; failure?: string }> }) =>
    element.send(`too long ${'x'.repeat(5000)}`),
  );
  expect(outcome.delivery).toBe('failed');
  expect(outcome.failure).toContain('4011');
  await expect(chat(page).host.locator('[data-delivery="failed"]')).toHaveCount(1);
  expect((await session(page, id)).messages.map((message) => message.text)).toEqual([first]);
});

test("a returning visitor's history is read though the JwtResponse carries no tracingId", async ({ page }) => {
  await recordProblems(page);
  await page.goto('/');
  await chat(page).launcher.click();
  const question = uniqueText('Where is my parcel?');
  await chat(page).send(question);
  const { id } = await sessionWith(page, question);
  await page.goto('about:blank');
  const answer = uniqueText('It left the depot this morning');
  await admin(page, `sessions/${id}/messages`, { text: answer });
  await page.goto('/');
  await expect(chat(page).bubble(answer)).toHaveCount(1);
  await expect(chat(page).bubble(question)).toHaveCount(1);
  expect(await problems(page)).not.toContain('history-unavailable');
});

test('with the lenient emulator (a tracingId on every answer, metadata in history) the widget works the same', async ({ page }) => {
  await page.goto('/');
  const deploymentId = await useDeployment(page, { lenient: true });
  await chat(page).launcher.click();
  const first = uniqueText('Lenient first');
  await chat(page).send(first);
  const { id } = await sessionWith(page, first);
  expect((await session(page, id)).deploymentId).toBe(deploymentId);
  await admin(page, 'faults', { kind: 'drop-before-echo', count: 1 });
  const lost = uniqueText('Lenient echo lost');
  await chat(page).send(lost);
  await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(2, { timeout: 15_000 });
  await page.reload();
  await showDeployment(page, deploymentId);
  await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(2);
  await expect(chat(page).bubble(lost)).toHaveCount(1);
  expect((await session(page, id)).messages.map((message) => message.text)).toEqual([first, lost]);
});

test('messages written in a burst leave under the rate: the server refuses none', async ({ page }) => {
  await page.goto('/');
  await chat(page).launcher.click();
  const texts = Array.from({ length: 6 }, (_, index) => uniqueText(`Burst ${index}`));
  await page.locator('persistent-chat').evaluate((element: HTMLElement & { send(text: string): Promise<unknown> }, all) => Promise.all(all.map((text) => element.send(text))), texts);
  const { id } = await sessionWith(page, texts[0]!);
  const server = await session(page, id);
  expect(server.messages.map((message) => message.text)).toEqual(texts);
  expect(server.rateLimited).toBe(0);
});
