import type { BrowserContext, Page } from '@playwright/test';
import { admin, chat, expect, session, sessionWith, uniqueText, type EmulatorSession } from './helpers.js';

/** Lets a test hide or show a page: Playwright reports every page visible, so the page's own getters are replaced. */
export async function controlVisibility(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    let state: DocumentVisibilityState = 'visible';
    Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => state });
    Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => state === 'hidden' });
    (window as unknown as { setVisibility(next: DocumentVisibilityState): void }).setVisibility = (next) => {
      state = next;
      document.dispatchEvent(new Event('visibilitychange'));
    };
  });
}

export function setVisibility(page: Page, state: 'visible' | 'hidden'): Promise<void> {
  return page.evaluate((next) => (window as unknown as { setVisibility(next: string): void }).setVisibility(next), state);
}

/** Opens the demo in a first tab and starts a conversation there; resolves with its session. */
export async function startConversation(page: Page): Promise<EmulatorSession> {
  await page.goto('/');
  await chat(page).launcher.click();
  const opening = uniqueText('Hello from the first tab');
  await chat(page).send(opening);
  const found = await sessionWith(page, opening);
  await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(1);
  return found;
}

export async function openTab(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('persistent-chat[ready]')).toHaveCount(1);
  return page;
}

export async function ownersAmong(pages: readonly Page[]): Promise<Page[]> {
  const flags = await Promise.all(pages.map((page) => page.locator('persistent-chat[owner]').count()));
  return pages.filter((_, index) => flags[index] === 1);
}

/** Waits for exactly one owner among the pages, and for the server to see exactly one connection. */
export async function expectOneOwner(pages: readonly Page[], sessionId: string): Promise<Page> {
  await expect.poll(async () => (await ownersAmong(pages)).length, { message: 'exactly one owner' }).toBe(1);
  await expect.poll(async () => (await session(pages[0]!, sessionId)).connections, { message: 'one live connection' }).toBe(1);
  return (await ownersAmong(pages))[0]!;
}

/** Every page shows `text` exactly once. */
export async function expectShownOnceEverywhere(pages: readonly Page[], text: string): Promise<void> {
  for (const page of pages) await expect(chat(page).bubble(text)).toHaveCount(1);
}

export async function agentSays(page: Page, sessionId: string, text: string): Promise<void> {
  await admin(page, `sessions/${sessionId}/messages`, { text });
}
