import { expect, test as base, type BrowserContext, type Locator, type Page } from '@playwright/test';

import type { SessionView as EmulatorSession } from '../../demo/server/emulator/admin-types.js';
import { setAttributesAsParsed } from './engines/engine.js';

export type { EmulatorSession };

/** Every test fails if a page throws: the widget must never throw into the host page. */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors, 'errors thrown in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** A text no other test sends, to find this test's session among the emulator's. */
export function uniqueText(prefix: string): string {
  return `${prefix} ${crypto.randomUUID().slice(0, 8)}`;
}

export function chat(page: Page) {
  const host = page.locator('persistent-chat').first();
  return {
    host,
    launcher: host.locator('[part~="launcher"]'),
    panel: host.locator('[part~="panel"]'),
    composer: host.locator('textarea'),
    status: host.locator('.status'),
    bubbles: host.locator('.bubble'),
    async send(text: string): Promise<void> {
      await this.composer.fill(text);
      await this.composer.press('Enter');
    },
    bubble(text: string): Locator {
      return host.locator('.bubble', { hasText: text });
    },
  };
}

export async function admin<T = unknown>(page: Page, path: string, body?: object): Promise<T> {
  const response = body ? await page.request.post(`/emulator/${path}`, { data: body }) : await page.request.get(`/emulator/${path}`);
  expect(response.ok(), `admin ${path} answered ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

/**
 * Gives this test a deployment of its own, with these settings (the emulator's
 * `POST /emulator/deployments/{id}`), and points the page's widget at it.
 */
export async function useDeployment(page: Page, settings: Record<string, unknown> = {}): Promise<string> {
  const deploymentId = `d-${crypto.randomUUID().slice(0, 8)}`;
  await admin(page, `deployments/${deploymentId}`, settings);
  await showDeployment(page, deploymentId);
  return deploymentId;
}

/** Points the page's widget at `deploymentId` (again after a reload: the page's own tag names the demo's). */
export async function showDeployment(page: Page, deploymentId: string): Promise<void> {
  await page.locator('persistent-chat').evaluate((element, id) => element.setAttribute('deployment-id', id), deploymentId);
}

/** Opens the demo page on a deployment of its own and writes a first message; returns the session's id. */
export async function chatOnDeployment(page: Page, settings: Record<string, unknown>, first = uniqueText('Hello')): Promise<string> {
  await page.goto('/');
  await useDeployment(page, settings);
  await chat(page).launcher.click();
  await chat(page).send(first);
  return (await sessionWith(page, first)).id;
}

/** The session whose transcript holds `text`, once the emulator has it. */
export async function sessionWith(page: Page, text: string): Promise<EmulatorSession> {
  let found: EmulatorSession | undefined;
  await expect
    .poll(async () => {
      const sessions = await admin<EmulatorSession[]>(page, 'sessions');
      found = sessions.find((session) => session.messages.some((message) => message.text === text));
      return found !== undefined;
    }, { message: `a session with the message "${text}"` })
    .toBe(true);
  return found!;
}

export async function session(page: Page, id: string): Promise<EmulatorSession> {
  const sessions = await admin<EmulatorSession[]>(page, 'sessions');
  const match = sessions.find((each) => each.id === id);
  if (!match) throw new Error(`the emulator has no session ${id}`);
  return match;
}

/** The dev server's address on another host name: Chromium sends every `*.localhost` name to loopback. */
export function siteUrl(host: string, path = '/'): string {
  const base = new URL(test.info().project.use.baseURL!);
  return `http://${host}:${base.port}${path}`;
}

/** Everything this origin holds of ours: cookies in the jar, localStorage keys, IndexedDB databases. */
export async function storedState(page: Page): Promise<{ cookies: string[]; localKeys: string[]; databases: string[] }> {
  const cookies = (await page.context().cookies(page.url())).filter((cookie) => cookie.name.startsWith('pchat_')).map((cookie) => `${cookie.name}@${cookie.domain}=${cookie.value}`);
  const { localKeys, databases } = await page.evaluate(async () => ({
    localKeys: Object.keys(localStorage).filter((key) => key.startsWith('persistent-chat:')),
    databases: ((await indexedDB.databases?.()) ?? []).map((database) => database.name ?? ''),
  }));
  return { cookies, localKeys, databases };
}

/** Every value this origin's IndexedDB database of the widget holds, as text: to look for what must not be there. */
export async function indexedDbText(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const opening = indexedDB.open('persistent-chat');
        opening.onerror = () => resolve('');
        opening.onsuccess = () => {
          const db = opening.result;
          if (!db.objectStoreNames.contains('records')) return resolve('');
          const all = db.transaction('records').objectStore('records').getAll();
          all.onsuccess = () => resolve(JSON.stringify(all.result));
          all.onerror = () => resolve('');
        };
      }),
  );
}

/**
 * Sets attributes on the page's `<persistent-chat>` as the parser inserts it, before the
 * script upgrades it: as if the site's HTML had them (a deployment of the test's own, so
 * that its sessions can be counted; consent).
 */
export async function embedWith(target: Page | BrowserContext, attributes: Record<string, string>): Promise<void> {
  await target.addInitScript(setAttributesAsParsed, attributes);
}
