import { chat, expect, indexedDbText, sessionWith, siteUrl, test, uniqueText } from './helpers.js';

test('guest attributes are not kept at rest: a message waiting in the outbox is stored without them', async ({ page, context }) => {
  await page.goto('/');
  await page.locator('persistent-chat').evaluate((element) => element.setAttribute('guest-attributes', JSON.stringify({ 'custom.email': 'ada@example.com', 'custom.phone': '+44 20 7946 0958' })));
  await chat(page).launcher.click();
  const first = uniqueText('Hello');
  await chat(page).send(first);
  await sessionWith(page, first);
  await context.setOffline(true);
  const waiting = uniqueText('Written offline');
  await chat(page).send(waiting);
  await expect.poll(() => indexedDbText(page)).toContain(waiting);
  const stored = await indexedDbText(page);
  expect(stored).not.toContain('ada@example.com');
  expect(stored).not.toContain('7946');
  await context.setOffline(false);
  // Sent once back online, with the attributes the page gives now.
  const { customAttributes } = await sessionWith(page, waiting);
  expect(customAttributes['custom.email']).toBe('ada@example.com');
});

test('a transcript is bound to its session: another session on the same site never shows it', async ({ browser }) => {
  const context = await browser.newContext();
  const www = await context.newPage();
  await www.goto(siteUrl('www.shop.localhost'));
  await chat(www).launcher.click();
  const old = uniqueText('Old visitor');
  await chat(www).send(old);
  await sessionWith(www, old);
  await www.goto('about:blank');
  // On help.shop the chat is ended and a new one started: the shared cookie now names another session.
  const help = await context.newPage();
  await help.goto(siteUrl('help.shop.localhost', '/help/'));
  await expect(chat(help).bubble(old)).toBeVisible();
  await chat(help).host.locator('[part~="end-button"]').click();
  await chat(help).host.locator('[part~="end-confirmation"] button.danger').click();
  await chat(help).host.getByRole('button', { name: 'Start a new chat' }).click();
  const fresh = uniqueText('New visitor');
  await chat(help).send(fresh);
  await sessionWith(help, fresh);
  await www.goto(siteUrl('www.shop.localhost'));
  await expect(chat(www).bubble(fresh)).toBeVisible();
  await expect(chat(www).bubble(old)).toHaveCount(0);
  await context.close();
});
