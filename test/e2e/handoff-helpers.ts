import type { BrowserContext, Page } from '@playwright/test';
import { admin, chat, embedWith, expect, sessionWith, siteUrl, uniqueText, type EmulatorSession } from './helpers.js';

export const shop = 'www.shop.localhost';
export const partner = 'www.partner.localhost';
export const origin = (host: string): string => new URL(siteUrl(host)).origin;

export interface HandoffDetail {
  accepted: boolean;
  from?: string;
  reason?: string;
}

/**
 * Records, on every page of `target`: each `chat-handoff` detail, the address when
 * `chat-ready` fired, and every address a link or form was given (a hand-off is added only
 * for the moment of navigation, so the attribute's changes are where it can be seen).
 */
export async function recordHandoffs(target: Page | BrowserContext): Promise<void> {
  await target.addInitScript(() => {
    const state = {
      handoffs: [] as unknown[],
      readyAt: [] as string[],
      decorated: [] as string[],
    };
    (window as unknown as { __handoff: typeof state }).__handoff = state;
    document.addEventListener('chat-handoff', (event) => state.handoffs.push((event as CustomEvent).detail));
    document.addEventListener('chat-ready', () => state.readyAt.push(location.href));
    new MutationObserver((records) => {
      for (const record of records) {
        const value = (record.target as Element).getAttribute(record.attributeName!);
        if (value?.includes('pchat=')) state.decorated.push(value);
      }
    }).observe(document, {
      subtree: true,
      attributes: true,
      attributeFilter: ['href', 'action', 'formaction'],
    });
  });
}

export function handoffState(page: Page): Promise<{
  handoffs: HandoffDetail[];
  readyAt: string[];
  decorated: string[];
}> {
  return page.evaluate(
    () =>
      (
        window as unknown as {
          __handoff: {
            handoffs: HandoffDetail[];
            readyAt: string[];
            decorated: string[];
          };
        }
      ).__handoff,
  );
}

/** A deployment of the test's own, for every page of `target`, with these attributes on the element. */
export async function embedOwnDeployment(page: Page, target: Page | BrowserContext, attributes: Record<string, string> = {}, existing?: string): Promise<string> {
  const deploymentId = existing ?? `d-${crypto.randomUUID().slice(0, 8)}`;
  if (!existing) await admin(page, `deployments/${deploymentId}`, {});
  await embedWith(target, { 'deployment-id': deploymentId, ...attributes });
  return deploymentId;
}

/** Both sites list each other, and there is no hub: link hand-off alone. */
export function linkedWithoutHub(): Record<string, string> {
  return {
    'iframe-url': '',
    'linked-domains': `${origin(shop)} ${origin(partner)}`,
  };
}

/** On the shop: a conversation with a question and the agent's answer, the panel open. */
export async function chatOnShop(page: Page): Promise<{ session: EmulatorSession; question: string; answer: string }> {
  await page.goto(siteUrl(shop));
  await chat(page).launcher.click();
  const question = uniqueText('Asked on the shop');
  await chat(page).send(question);
  const session = await sessionWith(page, question);
  const answer = uniqueText('Answered on the shop');
  await admin(page, `sessions/${session.id}/messages`, { text: answer });
  await expect(chat(page).bubble(answer)).toBeVisible();
  return { session, question, answer };
}

/** Sessions the emulator holds for a deployment. */
export async function sessionsOf(page: Page, deploymentId: string): Promise<EmulatorSession[]> {
  return (await admin<EmulatorSession[]>(page, 'sessions')).filter((each) => each.deploymentId === deploymentId);
}

/** What `decorate()` gives for `url` on this page. */
export function decorated(page: Page, url: string): Promise<string> {
  return page.evaluate((address) => (document.querySelector('persistent-chat') as unknown as { decorate(url: string): string }).decorate(address), url);
}

/** Follows a link to `url` from the current page, as a visitor would (so that the browser sends the page as referrer). */
export async function followLinkTo(page: Page, url: string): Promise<void> {
  await page.evaluate((address) => {
    const link = document.createElement('a');
    link.href = address;
    link.textContent = 'Test link';
    link.id = 'test-link';
    document.body.prepend(link);
  }, url);
  await page.locator('#test-link').click();
  await page.waitForURL((address) => address.hostname === new URL(url).hostname);
}
