import type { Page } from '@playwright/test';
import { admin, chat, chatOnDeployment, expect, session, sessionWith, showDeployment, test, uniqueText, useDeployment } from './helpers.js';

// The emulator speaks as the real service does by default: answers carry no tracingId
// (only the guest's echoes and the echo reply do), and history keeps no client metadata.

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

test.describe('the deployment configuration', () => {
  test('where clearing is off, "End chat" closes the session: the agent sees it closed, and the next message starts anew', async ({ page }) => {
    await recordProblems(page);
    const text = uniqueText('Please forget me');
    const id = await chatOnDeployment(page, { conversationClear: false }, text);
    await chat(page).host.locator('[part~="end-button"]').click();
    await chat(page).host.locator('[part~="end-confirmation"] button.danger').click();
    await expect.poll(async () => (await session(page, id)).state).toBe('closed');
    await expect(chat(page).bubble(text)).toHaveCount(0);
    await chat(page).host.getByRole('button', { name: 'Start a new chat' }).click();
    const again = uniqueText('A new question');
    await chat(page).send(again);
    const next = await sessionWith(page, again);
    expect(next.id).not.toBe(id);
    expect(next.messages.map((message) => message.text)).toEqual([again]);
    expect(await problems(page)).toEqual([]);
  });

  test("when the configuration cannot be read, the chat works with safe defaults and says so once", async ({ page }) => {
    await recordProblems(page);
    const text = uniqueText('Is anyone there?');
    const id = await chatOnDeployment(page, { configStatus: 503 }, text);
    await chat(page).composer.pressSequentially('still typing', { delay: 20 });
    await expect.poll(() => problems(page)).toEqual(['config-unavailable']);
    expect((await session(page, id)).typingEvents).toBe(0);
  });

  test('visitor typing reaches the agent at most once per 5 s, and again at once after a message', async ({ page }) => {
    const text = uniqueText('First');
    const id = await chatOnDeployment(page, { visitorTyping: true }, text);
    // Writing the first message said "typing" once (the session existed from the launcher on).
    const before = (await session(page, id)).typingEvents;
    await chat(page).composer.pressSequentially('typing a long sentence', { delay: 30 });
    await expect.poll(async () => (await session(page, id)).typingEvents).toBe(before + 1);
    await chat(page).composer.pressSequentially(' and more', { delay: 30 });
    await chat(page).composer.press('Enter');
    await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(2);
    expect((await session(page, id)).typingEvents).toBe(before + 1);
    await chat(page).composer.pressSequentially('next', { delay: 30 });
    await expect.poll(async () => (await session(page, id)).typingEvents).toBe(before + 2);
  });

  test('with visitor typing off, no typing event leaves (the server would refuse it)', async ({ page }) => {
    await recordProblems(page);
    const text = uniqueText('First');
    const id = await chatOnDeployment(page, { visitorTyping: false }, text);
    await chat(page).composer.pressSequentially('typing', { delay: 30 });
    await chat(page).composer.press('Enter');
    await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(2);
    expect((await session(page, id)).typingEvents).toBe(0);
    expect(await problems(page)).toEqual([]);
  });

  for (const agentTyping of [true, false]) {
    test(`with the agent typing indicator ${agentTyping ? 'on, the agent typing is shown' : 'off, the agent typing is never shown'}`, async ({ page }) => {
      const id = await chatOnDeployment(page, { agentTyping });
      // Watches the typing line from now on: it would show between the typing event and the answer.
      await page.locator('persistent-chat').evaluate((element) => {
        const line = element.shadowRoot!.querySelector('.typing')!;
        const seen = { typing: false };
        (window as unknown as { typingSeen: typeof seen }).typingSeen = seen;
        new MutationObserver(() => (seen.typing ||= (line.textContent ?? '').trim() !== '')).observe(line, { childList: true, subtree: true, characterData: true });
      });
      await admin(page, `sessions/${id}/typing`, {});
      if (agentTyping) await expect(chat(page).host.locator('.typing')).not.toHaveText('');
      const answer = uniqueText('Answer');
      await admin(page, `sessions/${id}/messages`, { text: answer });
      await expect(chat(page).bubble(answer)).toBeVisible();
      expect(await page.evaluate(() => (window as unknown as { typingSeen: { typing: boolean } }).typingSeen.typing)).toBe(agentTyping);
    });
  }

  test('with autostart, a new session joins at once with the attributes, and the bot greets before the visitor writes', async ({ page }) => {
    await page.goto('/');
    await useDeployment(page, { autoStart: true, autoStartGreeting: 'Welcome! Ask me anything.' });
    await page.locator('persistent-chat').evaluate((element) => element.setAttribute('guest-attributes', JSON.stringify({ plan: 'gold' })));
    await chat(page).launcher.click();
    await expect(chat(page).bubble('Welcome! Ask me anything.')).toBeVisible();
    const sessions = await admin<Array<{ id: string; customAttributes: Record<string, string>; messages: Array<{ text: string }> }>>(page, 'sessions');
    const greeted = sessions.find((each) => each.messages.some((message) => message.text === 'Welcome! Ask me anything.'))!;
    expect(greeted.customAttributes.plan).toBe('gold');
    await page.reload();
    await chat(page).host.locator('[part~="launcher"]').waitFor();
    expect((await session(page, greeted.id)).messages.filter((message) => message.text === 'Welcome! Ask me anything.')).toHaveLength(1);
  });
});

test('a few minutes before the session expires the visitor is told, and writing clears the notice', async ({ page }) => {
  // A session of 303 s: the notice (5 minutes before the end) is due 3 s after it starts.
  await chatOnDeployment(page, { sessionDurationSeconds: 303 });
  const notice = chat(page).host.locator('[part~="expiry-notice"]');
  await expect(notice).toContainText('This chat will close at');
  await chat(page).send(uniqueText('Still here'));
  await expect(notice).toHaveCount(0);
});

test('the emulator checks every frame against the official schema, and reports one that does not match', async ({ page }) => {
  await page.goto('/');
  const deploymentId = `schema-probe-${crypto.randomUUID().slice(0, 8)}`;
  const socketUrl = `ws://localhost:${new URL(page.url()).port}/v1?deploymentId=${deploymentId}`;
  await page.evaluate(async (url) => {
    const socket = new WebSocket(url);
    await new Promise((resolve) => (socket.onopen = resolve));
    socket.send(JSON.stringify({ action: 'configureSession', deploymentId: url.split('=')[1], token: crypto.randomUUID() }));
    socket.send(JSON.stringify({ action: 'onMessage', token: 'x', message: { type: 'Shout', text: 'hello' } }));
    socket.close();
  }, socketUrl);
  const mine = async () =>
    (await admin<Array<{ deploymentId: string; direction: string; kind: string; errors: string[] }>>(page, 'schema-violations')).filter((violation) => violation.deploymentId === deploymentId);
  await expect.poll(async () => (await mine()).length).toBe(1);
  expect(await mine()).toEqual([{ deploymentId, direction: 'request', kind: 'onMessage', errors: ['/message/type must be equal to one of the allowed values'], frame: expect.any(String) }]);
});

test('where the deployment’s agents end chats (read-only disconnect), an agent leaving is worded as the end of the chat', async ({ page }) => {
  const id = await chatOnDeployment(page, { readOnlyDisconnect: true });
  await admin(page, `sessions/${id}/disconnect`, { readOnly: true });
  await expect(chat(page).host.locator('[data-notice="agent-left"]')).toHaveText('The agent has ended this chat.');
});
