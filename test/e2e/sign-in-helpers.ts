import { expect, type BrowserContext, type Page } from '@playwright/test';
import { admin, embedWith } from './helpers.js';

/**
 * A deployment of the test's own, on every page of `context` (set as the page's HTML would): a
 * signed-in conversation belongs to the identity on a deployment, and tests sign in as the same users.
 */
export async function ownDeployment(page: Page, context: BrowserContext): Promise<string> {
  const deploymentId = `auth-${crypto.randomUUID().slice(0, 8)}`;
  await admin(page, `deployments/${deploymentId}`, {});
  await embedWith(context, { 'deployment-id': deploymentId });
  return deploymentId;
}

/** The demo identity provider's users (`demo/server/identity/demo-users.ts`). */
export const alice = { username: 'alice', sub: 'u-alice-0001', name: 'Alice Walker' };
export const bob = { username: 'bob', sub: 'u-bob-0002', name: 'Bob Rivers' };

/**
 * Signs in on the site of `url` as a visitor does: the site's "Sign in" link, Fernhill ID's
 * form (when the browser is not signed in there already), and back to `url`.
 */
export async function signIn(page: Page, url: string, user: { username: string }): Promise<void> {
  const back = new URL(url);
  await page.goto(`${back.origin}/auth/sign-in?return=${encodeURIComponent(back.pathname)}`);
  if (/id\.localhost/.test(page.url())) {
    await page.locator('select[name=username]').selectOption(user.username);
    await page.locator('input[name=password]').fill(user.username);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await page.waitForURL(back.href);
  await expect(page.locator('persistent-chat')).toHaveAttribute('data-user', /.+/);
}

/** Signs out with the site's link: the page signs the widget out first, then the site and Fernhill ID. */
export async function signOut(page: Page): Promise<void> {
  const origin = new URL(page.url()).origin;
  // By way of Fernhill ID (signed out there too), back to the site's home page.
  await Promise.all([page.waitForURL(/id\.localhost/), page.locator('[data-sign-out]').click()]);
  await page.waitForURL(`${origin}/`);
}

/** Counts the widget's events on this page (and the pages after it in this tab): `window.authEvents`. */
export async function recordAuthEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    if (window !== window.top) return;
    const events: Array<{ type: string; detail: unknown }> = JSON.parse(sessionStorage.getItem('auth-events') ?? '[]');
    for (const type of ['chat-authenticated', 'chat-signed-out', 'chat-error']) {
      document.addEventListener(type, (event) => {
        events.push({ type, detail: (event as CustomEvent).detail });
        sessionStorage.setItem('auth-events', JSON.stringify(events));
      });
    }
  });
}

export function authEvents(page: Page): Promise<Array<{ type: string; detail: Record<string, unknown> }>> {
  // A navigation under way (signing in or out) is waited for.
  return page.evaluate(() => JSON.parse(sessionStorage.getItem('auth-events') ?? '[]')).catch(() => []);
}

/** Whether the page ever went to Fernhill ID's sign-in form after this call (a sign-in prompt). */
export function watchForPrompts(page: Page): () => number {
  let prompts = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && /id\.localhost.*\/interaction\//.test(frame.url())) prompts += 1;
  });
  return () => prompts;
}
