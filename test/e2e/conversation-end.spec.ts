import { admin, chat, expect, session, sessionWith, storedState, test, uniqueText } from './helpers.js';

test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => {
    const ended: unknown[] = [];
    (window as unknown as { chatEnded: unknown[] }).chatEnded = ended;
    document.addEventListener('chat-ended', (event) => ended.push((event as CustomEvent).detail));
  });
});

const endedEvents = (page: import('@playwright/test').Page) => page.evaluate(() => (window as unknown as { chatEnded: unknown[] }).chatEnded);

test('when the agent ends a synchronous chat, the composer gives way to "start a new chat"', async ({ page }) => {
  await page.goto('/');
  await chat(page).launcher.click();
  const text = uniqueText('Thanks for the help');
  await chat(page).send(text);
  const { id } = await sessionWith(page, text);
  await admin(page, `sessions/${id}/disconnect`, { readOnly: true });
  await expect(chat(page).host.locator('[data-notice="agent-left"]')).toHaveText('The agent has left the conversation.');
  await expect(chat(page).host.locator('[part~="ended"]')).toContainText('This chat has ended.');
  await expect(chat(page).composer).toHaveCount(0);
  expect(await endedEvents(page)).toEqual([{ reason: 'agent' }]);

  // A new chat starts clean: the ended one is erased (here and on the server), and the next message starts a new session.
  await chat(page).host.getByRole('button', { name: 'Start a new chat' }).click();
  await expect(chat(page).composer).toBeFocused();
  await expect(chat(page).bubble(text)).toHaveCount(0);
  const again = uniqueText('One more question');
  await chat(page).send(again);
  await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(1);
  const next = await sessionWith(page, again);
  expect(next.id).not.toBe(id);
  expect(next.messages.map((message) => message.text)).toEqual([again]);
  await expect.poll(async () => (await admin<Array<{ id: string }>>(page, 'sessions')).some((each) => each.id === id)).toBe(false);
});

test('in asynchronous chat the agent ending an interaction leaves the chat open with a notice', async ({ page }) => {
  await page.goto('/');
  await page.locator('persistent-chat').evaluate((element) => element.setAttribute('async', ''));
  await chat(page).launcher.click();
  const text = uniqueText('When will my refund arrive?');
  await chat(page).send(text);
  const { id } = await sessionWith(page, text);
  await admin(page, `sessions/${id}/disconnect`, { readOnly: true });
  await expect(chat(page).host.locator('[data-notice="interaction-completed"]')).toHaveText(
    'Thank you for your query. Please do not respond to this automated message if you do not have additional questions.',
  );
  await expect(chat(page).composer).toBeVisible();
  expect(await endedEvents(page)).toEqual([]);
  const followUp = uniqueText('Actually, one more thing');
  await chat(page).send(followUp);
  await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(2);
  expect((await session(page, id)).messages.map((message) => message.text)).toContain(followUp);
});

test('the notice text can be replaced through the strings property', async ({ page }) => {
  await page.goto('/');
  await page.locator('persistent-chat').evaluate((element) => {
    element.setAttribute('async', '');
    (element as HTMLElement & { strings: object }).strings = { notices: { 'interaction-completed': 'Merci ! Cette conversation est terminée.' } };
  });
  await chat(page).launcher.click();
  const text = uniqueText('Bonjour');
  await chat(page).send(text);
  const { id } = await sessionWith(page, text);
  await admin(page, `sessions/${id}/disconnect`, { readOnly: false });
  await expect(chat(page).host.locator('[data-notice="interaction-completed"]')).toHaveText('Merci ! Cette conversation est terminée.');
});

test('the visitor ends the chat: confirmed, cleared on the server, and forgotten here', async ({ page }) => {
  await page.goto('/');
  await chat(page).launcher.click();
  const text = uniqueText('Please close my chat');
  await chat(page).send(text);
  const { id } = await sessionWith(page, text);
  await expect.poll(async () => (await storedState(page)).cookies.length).toBe(1);

  await chat(page).host.getByRole('button', { name: 'End chat' }).click();
  await expect(chat(page).host.locator('[part~="end-confirmation"]')).toContainText('End this chat?');
  await chat(page).host.getByRole('button', { name: 'Keep chatting' }).click();
  await expect(chat(page).host.locator('[part~="end-confirmation"]')).toHaveCount(0);

  await chat(page).host.getByRole('button', { name: 'End chat' }).click();
  await chat(page).host.locator('[part~="end-confirmation"]').getByRole('button', { name: 'End chat' }).click();
  await expect(chat(page).host.locator('[part~="ended"]')).toBeVisible();
  await expect(chat(page).bubbles).toHaveCount(0);
  expect(await endedEvents(page)).toEqual([{ reason: 'cleared' }]);
  // Presence Clear wipes the conversation: the emulator no longer has it at all.
  await expect.poll(async () => (await admin<Array<{ id: string }>>(page, 'sessions')).some((each) => each.id === id)).toBe(false);
  await expect.poll(async () => (await storedState(page)).cookies).toEqual([]);
  expect((await storedState(page)).localKeys.filter((key) => key.endsWith(':session') || key.endsWith(':cache'))).toEqual([]);

  await chat(page).host.getByRole('button', { name: 'Start a new chat' }).click();
  const fresh = uniqueText('A brand new conversation');
  await chat(page).send(fresh);
  const second = await sessionWith(page, fresh);
  expect(second.id).not.toBe(id);
});

test('an expired session shows a notice and the next message starts a new one', async ({ page }) => {
  await page.goto('/');
  await chat(page).launcher.click();
  const text = uniqueText('Before expiry');
  await chat(page).send(text);
  const { id } = await sessionWith(page, text);
  await admin(page, `sessions/${id}/expire`, {});
  await expect(chat(page).host.locator('[data-notice="session-expired"]')).toBeVisible();
  const after = uniqueText('After expiry');
  await chat(page).send(after);
  const next = await sessionWith(page, after);
  expect(next.id).not.toBe(id);
});

test('injectMessage adds a notice of the page to the transcript', async ({ page }) => {
  await page.goto('/');
  await chat(page).launcher.click();
  await page.locator('persistent-chat').evaluate((element) => (element as HTMLElement & { injectMessage(text: string): unknown }).injectMessage('Our lines are busy today: expect a reply within 10 minutes.'));
  await expect(chat(page).host.locator('[data-notice="page"]')).toHaveText('Our lines are busy today: expect a reply within 10 minutes.');
});
