import { request as requests } from '@playwright/test';
import { admin, chat, expect, sessionWith, siteUrl, test, uniqueText } from './helpers.js';
import { alice, authEvents, ownDeployment, recordAuthEvents, signIn } from './sign-in-helpers.js';

/*
 * The site's backend vouching for its signed-in visitor (`attributes-endpoint`): the widget
 * sends the guest JWT only; the backend derives what it sets from its own sign-in, and sets
 * it on the conversation's customer participant through the platform API.
 */

const endpoint = '/api/update-guest-attributes';
const shop = () => siteUrl('www.shop.localhost');

test('the site vouches for its signed-in visitor: the widget sends only the guest JWT, and the attributes come from the site’s sign-in', async ({ page, context }) => {
  await ownDeployment(page, context);
  await signIn(page, shop(), alice);
  // What the page claims is the visitor's own word: it goes as custom attributes, never through the backend.
  await page.locator('persistent-chat').evaluate((element) => element.setAttribute('guest-attributes', '{"custom.userId":"admin"}'));
  const posted = page.waitForRequest((request) => request.url().endsWith(endpoint) && request.method() === 'POST');
  const answered = page.waitForResponse((response) => response.url().endsWith(endpoint));
  await chat(page).launcher.click();
  const text = uniqueText('vouch: hello');
  await chat(page).send(text);
  const { id } = await sessionWith(page, text);
  const body = (await posted).postDataJSON() as Record<string, unknown>;
  expect(Object.keys(body)).toEqual(['jwt']);
  expect((await answered).status()).toBe(200);
  await expect
    .poll(async () => (await admin<Array<{ id: string; participantAttributes: Record<string, string>; customAttributes: Record<string, string> }>>(page, 'sessions')).find((each) => each.id === id))
    .toMatchObject({
      participantAttributes: { 'site.customerId': alice.sub, 'site.email': 'alice@fernhill.example', 'site.name': alice.name, 'site.signedIn': 'true' },
      customAttributes: { 'custom.userId': 'admin' },
    });
});

test('the endpoint refuses a cross-site text/plain POST, a caller not signed in to the site, another origin, and a JWT that is not the caller’s; the signed-in owner is accepted', async ({
  page,
  context,
}) => {
  await ownDeployment(page, context);
  await signIn(page, shop(), alice);
  const posted = page.waitForRequest((request) => request.url().endsWith(endpoint) && request.method() === 'POST');
  await chat(page).launcher.click();
  await chat(page).send(uniqueText('vouch: mine'));
  const { jwt } = (await posted).postDataJSON() as { jwt: string };
  const origin = new URL(shop()).origin;
  // Straight to the dev server, as any client could call it: the site's host, and the visitor's cookies where given.
  const cookie = (await context.cookies(shop())).map(({ name, value }) => `${name}=${value}`).join('; ');
  const caller = await requests.newContext();
  const post = (headers: Record<string, string>, data: string, withCookie = true) =>
    caller.post(`http://localhost:${new URL(shop()).port}${endpoint}`, {
      headers: { Host: new URL(shop()).host, ...(withCookie ? { Cookie: cookie } : {}), ...headers },
      data,
      failOnStatusCode: false,
    });
  try {
    // A form, or a text/plain fetch from another site (no preflight), with the visitor's cookie: refused.
    expect((await post({ 'Content-Type': 'text/plain', Origin: 'http://evil.localhost' }, JSON.stringify({ jwt }))).status()).toBe(415);
    expect((await post({ 'Content-Type': 'application/json', Origin: 'http://evil.localhost' }, JSON.stringify({ jwt }))).status()).toBe(403);
    // Not signed in to the site.
    expect((await post({ 'Content-Type': 'application/json', Origin: origin }, JSON.stringify({ jwt }), false)).status()).toBe(401);
    // Signed in, but naming a session by id, or with a JWT that is not one the service gave this visitor.
    expect((await post({ 'Content-Type': 'application/json', Origin: origin }, JSON.stringify({ sessionId: 'someone-else' }))).status()).toBe(400);
    const [header, , signature] = jwt.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ sid: 'someone-else', exp: 9_999_999_999 })).toString('base64url')}.${signature}`;
    expect((await post({ 'Content-Type': 'application/json', Origin: origin }, JSON.stringify({ jwt: forged }))).status()).toBe(403);
    // The owner, signed in, from the site.
    expect((await post({ 'Content-Type': 'application/json', Origin: origin }, JSON.stringify({ jwt }))).status()).toBe(200);
  } finally {
    await caller.dispose();
  }
});

test('credentials refused upstream become a clear error for the page, never a crash', async ({ page, context }) => {
  await ownDeployment(page, context);
  await recordAuthEvents(page);
  await signIn(page, shop(), alice);
  // Every platform call refused while this visitor's goes (other tests' calls meanwhile are refused too), then no more.
  await admin(page, 'faults', { kind: 'api-unauthorized', count: 100 });
  const answered = page.waitForResponse((response) => response.url().endsWith(endpoint));
  await chat(page).launcher.click();
  await chat(page).send(uniqueText('vouch: refused upstream'));
  const response = await answered;
  await admin(page, 'faults', { kind: 'api-unauthorized', count: 0 });
  expect(response.status()).toBe(502);
  expect((await response.json()).error).toBe("the contact centre refused this site's credentials (401)");
  await expect
    .poll(async () => (await authEvents(page)).filter((event) => event.type === 'chat-error').map((event) => event.detail))
    .toContainEqual(expect.objectContaining({ code: 'attributes-endpoint-failed', message: expect.stringContaining('502') }));
  await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(1);
});
