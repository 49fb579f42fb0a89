import { admin, chat, expect, session, sessionWith, test, uniqueText } from './helpers.js';

test('a visitor and an agent chat, and each sees every message exactly once', async ({ page }) => {
  await page.goto('/');
  const widget = chat(page);
  await expect(widget.launcher).toBeVisible();
  await widget.launcher.click();
  await expect(widget.composer).toBeFocused();

  const question = uniqueText('Do the Scree boots come in a wide fit?');
  await widget.send(question);
  await expect(widget.bubble(question)).toHaveCount(1);
  await expect(widget.host.locator('[data-delivery="sent"]')).toHaveCount(1);

  const { id } = await sessionWith(page, question);
  await admin(page, `sessions/${id}/typing`, {});
  await expect(widget.host.locator('.typing')).toContainText('is typing');
  const answer = 'Yes, every size from 7 to 12 comes in a wide fit.';
  await admin(page, `sessions/${id}/messages`, { text: answer, nickname: 'Sam' });

  await expect(widget.bubble(answer)).toHaveCount(1);
  await expect(widget.host.locator('.sender')).toHaveText('Sam');
  await expect(widget.host.locator('.typing')).toBeEmpty();
  await expect(widget.bubbles).toHaveText([question, answer]);
  await expect(widget.status).toHaveAttribute('data-state', 'connected');

  const server = await session(page, id);
  expect(server.messages.map((message) => [message.direction, message.text])).toEqual([
    ['Inbound', question],
    ['Outbound', answer],
  ]);
  expect(server.maxConcurrentConnections).toBe(1);
});

test('reloading the page brings the same conversation back, each message once', async ({ page }) => {
  await page.goto('/');
  const widget = chat(page);
  await widget.launcher.click();
  const first = uniqueText('First question');
  await widget.send(first);
  const { id } = await sessionWith(page, first);
  await admin(page, `sessions/${id}/messages`, { text: 'First answer' });
  await expect(widget.bubble('First answer')).toBeVisible();

  await page.reload();
  // The panel was open when the page went, so it is open again, with the conversation in it.
  await expect(chat(page).panel).toBeVisible();
  await expect(chat(page).bubbles).toHaveText([first, 'First answer']);

  const second = uniqueText('Second question');
  await chat(page).send(second);
  await expect(chat(page).bubbles).toHaveText([first, 'First answer', second]);
  // The bubble shows at once, while sending: the server is asked once both are acknowledged.
  await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(2);
  const server = await session(page, id);
  expect(server.messages.map((message) => message.text)).toEqual([first, 'First answer', second]);
});

test('agent text is shown as text, never run as HTML', async ({ page }) => {
  await page.goto('/');
  const widget = chat(page);
  await widget.launcher.click();
  const hello = uniqueText('hello');
  await widget.send(hello);
  const { id } = await sessionWith(page, hello);
  const payload = '<img src=x onerror="window.__owned=1"><script>window.__owned=2</script>';
  await admin(page, `sessions/${id}/messages`, { text: payload, nickname: '<b>Mallory</b>' });
  await expect(widget.bubble('<img src=x')).toHaveText(payload);
  await expect(widget.host.locator('.sender')).toHaveText('<b>Mallory</b>');
  expect(await page.evaluate(() => (window as unknown as { __owned?: number }).__owned)).toBeUndefined();
  await expect(widget.host.locator('img, script, b')).toHaveCount(0);
});

test('an agent answers from the console and the visitor sees it', async ({ page, browser }) => {
  await page.goto('/');
  const widget = chat(page);
  await widget.launcher.click();
  const question = uniqueText('Can I return worn boots?');
  await widget.send(question);

  const agentPage = await browser.newPage();
  await agentPage.goto('/agent/');
  await agentPage.getByRole('button', { name: new RegExp(question.slice(-8)) }).click();
  await expect(agentPage.getByLabel('Transcript')).toContainText(question);
  const reply = agentPage.getByRole('textbox', { name: 'Reply' });
  await reply.fill('Only unworn items, within 60 days.');
  await reply.press('Enter');

  await expect(widget.bubble('Only unworn items, within 60 days.')).toBeVisible();
  await expect(agentPage.getByLabel('Transcript')).toContainText('Only unworn items, within 60 days.');
  await agentPage.close();
});
