import { admin, chat, expect, sessionWith, test, uniqueText } from './helpers.js';

const endpoint = '/api/update-guest-attributes';

test('the widget posts its guest attributes to the site backend, which updates the session', async ({ page }) => {
  await page.goto('/');
  await page.locator('persistent-chat').evaluate((element, url) => {
    element.setAttribute('attributes-endpoint', url);
    element.setAttribute('guest-attributes', '{"custom.userId":"user-777","custom.membershipLevel":"Silver"}');
  }, endpoint);
  const posted = page.waitForRequest((request) => request.url().endsWith(endpoint) && request.method() === 'POST');
  const answered = page.waitForResponse((response) => response.url().endsWith(endpoint));
  await chat(page).launcher.click();
  const text = uniqueText('Hello backend');
  await chat(page).send(text);
  const { id } = await sessionWith(page, text);
  expect((await posted).postDataJSON()).toEqual({ sessionId: id, attributes: { 'custom.userId': 'user-777', 'custom.membershipLevel': 'Silver' } });
  expect((await answered).status()).toBe(200);

  // A change is posted again, and the backend's update reaches the session without any message.
  const again = page.waitForResponse((response) => response.url().endsWith(endpoint));
  await page.locator('persistent-chat').evaluate((element) => element.setAttribute('guest-attributes', '{"custom.userId":"user-777","custom.membershipLevel":"Gold"}'));
  expect((await again).status()).toBe(200);
  await expect
    .poll(async () => (await admin<Array<{ id: string; customAttributes: Record<string, string> }>>(page, 'sessions')).find((each) => each.id === id)?.customAttributes['custom.membershipLevel'])
    .toBe('Gold');
});

test('the reference endpoint refuses malformed requests with a JSON error', async ({ request }) => {
  for (const [body, message] of [
    ['{not json', 'not valid JSON'],
    [JSON.stringify({ attributes: {} }), 'sessionId'],
    [JSON.stringify({ sessionId: 'abc', attributes: { nested: { no: true } } }), 'must be a string'],
    [JSON.stringify({ sessionId: 'abc', attributes: { big: 'x'.repeat(2000) } }), 'longer than'],
  ] as const) {
    const response = await request.post(endpoint, { data: Buffer.from(body), headers: { 'Content-Type': 'application/json' } });
    expect(response.status()).toBe(400);
    expect((await response.json()).error).toContain(message);
  }
  const unknown = await request.post(endpoint, { data: { sessionId: 'no-such-session', attributes: {} } });
  expect(unknown.status()).toBe(404);
});

test('credentials refused upstream become a clear error for the page, never a crash', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => {
    const errors: unknown[] = [];
    (window as unknown as { chatErrors: unknown[] }).chatErrors = errors;
    document.addEventListener('chat-error', (event) => errors.push((event as CustomEvent).detail));
  });
  await admin(page, 'faults', { kind: 'api-unauthorized', count: 2 });
  await page.locator('persistent-chat').evaluate((element, url) => {
    element.setAttribute('attributes-endpoint', url);
    element.setAttribute('guest-attributes', '{"custom.userId":"user-401"}');
  }, endpoint);
  const answered = page.waitForResponse((response) => response.url().endsWith(endpoint));
  await chat(page).launcher.click();
  await chat(page).send(uniqueText('Hello'));
  const response = await answered;
  expect(response.status()).toBe(502);
  expect((await response.json()).error).toBe("the contact centre refused this site's credentials (401)");
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { chatErrors: Array<{ code: string; message: string }> }).chatErrors))
    .toContainEqual(expect.objectContaining({ code: 'attributes-endpoint-failed', message: expect.stringContaining('502') }));
  await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(1);
});
