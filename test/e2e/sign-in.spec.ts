import type { BrowserContext, Page } from '@playwright/test';
import { admin, chat, embedWith, expect, session, sessionWith, siteUrl, storedState, indexedDbText, test, uniqueText, type EmulatorSession } from './helpers.js';
import { alice, authEvents, bob, ownDeployment, recordAuthEvents, signIn, signOut, watchForPrompts } from './sign-in-helpers.js';

/*
 * Signed-in visitors (`auth`), with the demo's identity provider (Fernhill ID, on
 * oidc-provider), the demo shop's real sign-in, and the emulator's token calls. Each test
 * has a deployment of its own: a visitor's signed-in conversation belongs to their identity
 * on a deployment, and the tests sign in as the same demo users.
 */

const shop = () => siteUrl('www.shop.localhost');
const partner = () => siteUrl('www.partner.localhost');

async function sessionsOf(page: Page, deploymentId: string): Promise<EmulatorSession[]> {
  return (await admin<EmulatorSession[]>(page, 'sessions')).filter((each) => each.deploymentId === deploymentId);
}

/** How long Fernhill ID's tokens (and so the chat's JWTs) live. */
async function tokenSeconds(page: Page, seconds: number): Promise<void> {
  const response = await page.request.post('/emulator/identity', { data: { tokenSeconds: seconds } });
  expect(response.ok()).toBe(true);
}

/** Every transcript text a page of the site showed its signed-in user, frame by frame, by user (kept in sessionStorage across the tab's pages). */
async function recordEveryFrame(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    if (window !== window.top) return;
    const look = () => {
      const element = document.querySelector('persistent-chat');
      const key = `seen-by:${element?.getAttribute('data-user') ?? 'nobody'}`;
      const seen = new Set<string>(JSON.parse(sessionStorage.getItem(key) ?? '[]'));
      for (const bubble of element?.shadowRoot?.querySelectorAll('.bubble') ?? []) seen.add(bubble.textContent?.trim() ?? '');
      sessionStorage.setItem(key, JSON.stringify([...seen]));
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
}

const seenBy = (page: Page, sub: string): Promise<string[]> => page.evaluate((key) => JSON.parse(sessionStorage.getItem(key) ?? '[]'), `seen-by:${sub}`);

test('signed in: the chat goes on through a reload, a new tab and a quiet time longer than the JWT lives, with no second sign-in and one refresh for all tabs', async ({ page, context }) => {
  test.setTimeout(90_000);
  const deploymentId = await ownDeployment(page, context);
  await tokenSeconds(page, 6);
  try {
    await recordAuthEvents(page);
    await signIn(page, shop(), alice);
    const prompts = watchForPrompts(page);
    await chat(page).launcher.click();
    const first = uniqueText('signed in: where is my order?');
    await chat(page).send(first);
    const { id, authenticated } = await sessionWith(page, first);
    expect(authenticated, 'the agent sees who the identity provider says the visitor is').toMatchObject({ sub: alice.sub, name: alice.name, email: 'alice@fernhill.example' });
    await expect.poll(async () => (await authEvents(page)).filter((event) => event.type === 'chat-authenticated').map((event) => event.detail)).toContainEqual({ sub: alice.sub, name: alice.name });

    await page.reload();
    await expect(chat(page).bubble(first)).toBeVisible();
    const second = await context.newPage();
    const refreshesFromSecond: string[] = [];
    second.on('request', (request) => request.url().includes('/token/') && refreshesFromSecond.push(request.url()));
    await second.goto(shop());
    await expect(chat(second).bubble(first)).toBeVisible();

    // Longer than a JWT lives, with nothing said; then the network drops the connection.
    await page.waitForTimeout(7_500);
    await admin(page, 'faults', { kind: 'drop-connections', sessionId: id });
    const later = uniqueText('signed in: still there?');
    await chat(page).send(later);
    await expect.poll(async () => (await session(page, id)).messages.map((message) => message.text)).toEqual([first, later]);
    expect(await sessionsOf(page, deploymentId), 'one conversation').toHaveLength(1);
    expect(prompts(), 'no sign-in prompt after the first').toBe(0);
    expect((await admin<{ refreshes: Record<string, number> }>(page, 'sign-ins')).refreshes[alice.sub], 'the JWT was refreshed').toBeGreaterThan(0);
    expect(refreshesFromSecond, 'the tab that does not hold the connection never refreshes').toEqual([]);
  } finally {
    await tokenSeconds(page, 300);
  }
});

test('a refresh the service refuses asks the page to sign the visitor in again, once, and the chat goes on', async ({ page, context }) => {
  test.setTimeout(90_000);
  await ownDeployment(page, context);
  await tokenSeconds(page, 8);
  try {
    await recordAuthEvents(page);
    await signIn(page, shop(), alice);
    await chat(page).launcher.click();
    const first = uniqueText('refused refresh: hello');
    await chat(page).send(first);
    const { id } = await sessionWith(page, first);
    // The page's provider, counting reAuthenticate (in sessionStorage: signing in again may reload the page).
    await page.locator('persistent-chat').evaluate((element) => {
      const chatElement = element as HTMLElement & { auth: { user: string; getAuthCode(): Promise<unknown> } };
      const demo = chatElement.auth;
      chatElement.auth = {
        user: demo.user,
        getAuthCode: () => demo.getAuthCode(),
        reAuthenticate: async () => sessionStorage.setItem('reauthenticated', String(Number(sessionStorage.getItem('reauthenticated') ?? 0) + 1)),
      } as typeof demo;
    });
    await admin(page, 'faults', { kind: 'refuse-refresh', count: 1 });
    await expect.poll(() => page.evaluate(() => sessionStorage.getItem('reauthenticated')).catch(() => null), { timeout: 20_000 }).toBe('1');
    // Signed in again: the demo's provider fetched a new code from Fernhill ID (a redirect, without a prompt), and the page after it signed in with it.
    await expect.poll(async () => (await authEvents(page)).filter((event) => event.type === 'chat-authenticated').length, { timeout: 20_000 }).toBe(2);
    await chat(page).composer.waitFor();
    const later = uniqueText('refused refresh: and after');
    await chat(page).send(later);
    await expect.poll(async () => (await session(page, id)).messages.map((message) => message.text)).toEqual([first, later]);
    expect(await page.evaluate(() => sessionStorage.getItem('reauthenticated')), 'asked once').toBe('1');
  } finally {
    await tokenSeconds(page, 300);
  }
});

test('signing out revokes the sign-in and erases the conversation from this device', async ({ page, context }) => {
  await ownDeployment(page, context);
  await recordAuthEvents(page);
  await signIn(page, shop(), alice);
  await chat(page).launcher.click();
  const text = uniqueText('sign out: my address is 1 High Street');
  await chat(page).send(text);
  await sessionWith(page, text);
  await expect.poll(() => indexedDbText(page)).toContain(text);
  await signOut(page);
  expect((await authEvents(page)).filter((event) => event.type === 'chat-signed-out').map((event) => event.detail.reason), 'said once').toEqual(['visitor']);
  await expect(page.locator('nav')).toContainText('Sign in');
  expect(await indexedDbText(page)).not.toContain(text);
  expect((await storedState(page)).localKeys.filter((key) => /:(session|cache|auth)$/.test(key))).toEqual([]);
  await chat(page).launcher.click();
  await expect(chat(page).bubble(text)).toHaveCount(0);
});

test('the same visitor signed in on a second device sees the conversation and continues it; signing out there signs them out here too', async ({ page, context, browser }) => {
  const deploymentId = await ownDeployment(page, context);
  await recordAuthEvents(page);
  await signIn(page, shop(), alice);
  await chat(page).launcher.click();
  const first = uniqueText('two devices: from my laptop');
  await chat(page).send(first);
  await sessionWith(page, first);

  const phone = await browser.newContext();
  try {
    const other = await phone.newPage();
    await embedWith(phone, { 'deployment-id': deploymentId });
    await signIn(other, shop(), alice);
    await chat(other).launcher.click();
    await expect(chat(other).bubble(first)).toBeVisible();
    const second = uniqueText('two devices: from my phone');
    await chat(other).send(second);
    await expect(chat(page).bubble(second), 'the laptop sees it too').toBeVisible();
    const sessions = await sessionsOf(page, deploymentId);
    expect(sessions, 'one conversation on the emulator').toHaveLength(1);
    expect(sessions[0]!.messages.map((message) => message.text)).toEqual([first, second]);

    // Signed out on the phone: the laptop hears it (LogoutEvent), and erases the conversation too.
    await signOut(other);
    await expect.poll(async () => (await authEvents(page)).map((event) => [event.type, event.detail.reason])).toContainEqual(['chat-signed-out', 'service']);
    await expect(chat(page).bubble(first)).toHaveCount(0);
  } finally {
    await phone.close();
  }
});

test('another user on the same browser never sees the previous user’s messages, not even for a frame', async ({ page, context }) => {
  await ownDeployment(page, context);
  await recordEveryFrame(context);
  await signIn(page, shop(), alice);
  await chat(page).launcher.click();
  const private1 = uniqueText('shared computer: alice private');
  await chat(page).send(private1);
  await sessionWith(page, private1);
  // Alice's site session ends without the widget hearing (it expired on the site's server), then Bob signs in.
  await context.clearCookies({ name: 'fernhill_site' });
  await context.clearCookies({ name: 'idp_session' });
  await signIn(page, shop(), bob);
  await chat(page).launcher.click();
  const bobs = uniqueText('shared computer: bob');
  await chat(page).send(bobs);
  const session = await sessionWith(page, bobs);
  expect(session.authenticated?.sub).toBe(bob.sub);
  expect(session.messages.map((message) => message.text)).toEqual([bobs]);
  expect(await seenBy(page, alice.sub), 'the recorder works').toContain(private1);
  expect(await seenBy(page, bob.sub)).toContain(bobs);
  expect(await seenBy(page, bob.sub)).not.toContain(private1);
  expect(await indexedDbText(page)).not.toContain(private1);
});

test('on the partner domain, with third-party storage blocked, the signed-in visitor continues the same conversation', async ({ page, context }) => {
  const deploymentId = await ownDeployment(page, context);
  await signIn(page, shop(), alice);
  await chat(page).launcher.click();
  const first = uniqueText('partner: asked on the shop');
  await chat(page).send(first);
  await sessionWith(page, first);

  // Another site: no hub can help (this browser blocks third-party storage), the identity does.
  await page.goto(partner());
  await signIn(page, partner(), alice);
  await chat(page).launcher.click();
  await expect(chat(page).bubble(first)).toBeVisible();
  const second = uniqueText('partner: answered on the partner');
  await chat(page).send(second);
  const sessions = await sessionsOf(page, deploymentId);
  await expect.poll(async () => (await sessionsOf(page, deploymentId)).map((each) => each.messages.map((message) => message.text))).toEqual([[first, second]]);
  expect(sessions).toHaveLength(1);
});

test('a guest who signs in mid-chat keeps the conversation: it steps up to theirs, with a notice', async ({ page, context }) => {
  const deploymentId = await ownDeployment(page, context);
  await page.goto(shop());
  await chat(page).launcher.click();
  const asGuest = uniqueText('step-up: asked as a guest');
  await chat(page).send(asGuest);
  await sessionWith(page, asGuest);
  await signIn(page, shop(), alice);
  await expect(chat(page).bubble(asGuest)).toBeVisible();
  await expect(chat(page).host.locator('[part~="notice"]', { hasText: 'You are signed in' })).toBeVisible();
  const after = uniqueText('step-up: signed in now');
  await chat(page).send(after);
  await expect.poll(async () => (await sessionsOf(page, deploymentId)).map((each) => ({ sub: each.authenticated?.sub, texts: each.messages.map((message) => message.text) }))).toEqual([{ sub: alice.sub, texts: [asGuest, after] }]);
});

/** Gives the page's widget `auth` and a provider of this kind, as the page's HTML and script would (before it starts). */
async function hostileProvider(context: BrowserContext, mode: 'optional' | 'required', kind: 'throws' | 'garbage' | 'never answers'): Promise<void> {
  await context.addInitScript(
    ([mode, kind]) => {
      if (window !== window.top) return;
      const providers: Record<string, unknown> = {
        throws: {
          getAuthCode() {
            throw new Error('the sign-in service is down');
          },
        },
        garbage: { getAuthCode: async () => ({ authCode: 42, redirectUri: 'not an address' }) },
        'never answers': { getAuthCode: () => new Promise(() => {}) },
      };
      const observer = new MutationObserver(() => {
        const element = document.querySelector('persistent-chat') as (HTMLElement & { auth?: unknown }) | null;
        if (!element) return;
        observer.disconnect();
        element.setAttribute('auth', mode);
        element.auth = providers[kind];
      });
      observer.observe(document, { childList: true, subtree: true });
    },
    [mode, kind] as const,
  );
}

for (const kind of ['throws', 'garbage', 'never answers'] as const) {
  test(`a provider that ${kind === 'garbage' ? 'answers garbage' : kind} is reported, and with auth="optional" the visitor chats as a guest`, async ({ page, context }) => {
    test.setTimeout(60_000);
    const deploymentId = await ownDeployment(page, context);
    await hostileProvider(context, 'optional', kind);
    await recordAuthEvents(page);
    await page.goto('/');
    await chat(page).launcher.click();
    const text = uniqueText(`hostile provider (${kind}): hello`);
    await chat(page).send(text);
    await expect.poll(async () => (await authEvents(page)).filter((event) => event.type === 'chat-error').map((event) => event.detail.code), { timeout: 20_000 }).toContain('auth-provider-failed');
    const session = await sessionWith(page, text);
    expect(session.deploymentId).toBe(deploymentId);
    expect(session.authenticated, 'a guest').toBeUndefined();
  });
}

test('with auth="required", a provider that throws keeps the chat from starting: the message waits, reported, nothing thrown', async ({ page, context }) => {
  const deploymentId = await ownDeployment(page, context);
  await hostileProvider(context, 'required', 'throws');
  await recordAuthEvents(page);
  await page.goto('/');
  await chat(page).launcher.click();
  const text = uniqueText('required: hello');
  await chat(page).send(text);
  await expect.poll(async () => (await authEvents(page)).filter((event) => event.type === 'chat-error').map((event) => event.detail.code)).toContain('auth-provider-failed');
  await expect(chat(page).bubble(text)).toBeVisible();
  await expect(chat(page).host.locator('[part~="notice"]', { hasText: 'Sign in to chat' })).toBeVisible();
  expect(await sessionsOf(page, deploymentId), 'no guest session').toEqual([]);
});

test('the agent console shows a signed-in visitor’s verified identity apart from what the visitor claims', async ({ page, context }) => {
  await ownDeployment(page, context);
  await signIn(page, shop(), alice);
  await page.locator('persistent-chat').evaluate((element) => element.setAttribute('guest-attributes', '{"custom.userId":"admin"}'));
  await chat(page).launcher.click();
  const text = uniqueText('console: who am I?');
  await chat(page).send(text);
  await sessionWith(page, text);
  const agent = await context.newPage();
  await agent.goto('/agent/');
  await agent.getByRole('button', { name: text }).click();
  const selected = agent.getByRole('region', { name: 'Selected session' });
  await expect(selected).toContainText('Signed in: verified by the identity provider');
  await expect(selected.locator('.verified-claims')).toContainText(alice.sub);
  await expect(selected.locator('.verified-claims')).toContainText('alice@fernhill.example');
  await expect(selected.locator('.verified-claims')).not.toContainText('admin');
  await expect(selected).toContainText('the visitor’s own claims, unchecked');
});
