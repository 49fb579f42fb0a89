import type { Page } from '@playwright/test';
import { admin, chat, expect, sessionWith, test, uniqueText } from './helpers.js';
import { chooseFiles, pngFile } from './file-helpers.js';

async function startChat(page: Page, path = '/'): Promise<string> {
  await page.goto(path);
  await chat(page).launcher.click();
  const text = uniqueText('Hello');
  await chat(page).send(text);
  return (await sessionWith(page, text)).id;
}

test('the widget runs under a strict Content Security Policy with no violation', async ({ page }) => {
  await page.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { violations: string[] }).violations = violations;
    document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const response = await page.goto('/strict/');
  expect(response?.headers()['content-security-policy']).toContain("require-trusted-types-for 'script'");
  const id = await startChat(page, '/strict/');
  await admin(page, `sessions/${id}/messages`, { text: 'Answered under CSP: https://example.com/x', quickReplies: [{ text: 'Thanks' }] });
  await chat(page).host.getByRole('button', { name: 'Thanks' }).click();
  await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(2);
  // A file too: its thumbnail (an object URL), the upload (a PUT to the server's address), the server's image.
  await chooseFiles(page, [pngFile('under-csp.png', 40, 30)]);
  await expect.poll(() => chat(page).host.locator('[part~="staged-file"] img').evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(40);
  await chat(page).send('With a file');
  await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(3);
  await expect.poll(() => chat(page).host.locator('[part~="image-attachment"] img').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(40);
  await page.reload();
  await expect(chat(page).bubble('Answered under CSP')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
});

test('a long history keeps only the newest messages in the page, and shows earlier ones on demand', async ({ page }) => {
  const id = await startChat(page);
  await admin(page, `sessions/${id}/messages`, { texts: Array.from({ length: 300 }, (_, i) => `History message ${i + 1}`) });
  await expect(chat(page).bubble('History message 300')).toBeVisible();
  await expect(chat(page).bubbles).toHaveCount(60);
  await expect(chat(page).bubble('History message 241')).toHaveCount(1);
  await expect(chat(page).bubble('History message 240')).toHaveCount(0);

  // The button adds 60 older messages (clicked without scrolling: reaching the top adds them too).
  await chat(page).host.locator('[part~="show-earlier"]').evaluate((button) => (button as HTMLButtonElement).click());
  await expect(chat(page).bubbles).toHaveCount(120);
  await expect(chat(page).bubble('History message 181')).toHaveCount(1);
  // Scrolling to the top adds the next 60, and the visitor's place is kept.
  await chat(page).host.locator('.transcript').evaluate((list) => (list.scrollTop = 0));
  await expect(chat(page).bubbles).toHaveCount(180);
  expect(await chat(page).host.locator('.transcript').evaluate((list) => list.scrollTop)).toBeGreaterThan(200);

  // Scrolled up, a new message does not pull the visitor down: a button offers to.
  await admin(page, `sessions/${id}/messages`, { text: 'Something new at the bottom' });
  await expect(chat(page).host.locator('[part~="new-messages"]')).toBeVisible();
  await chat(page).host.locator('[part~="new-messages"]').click();
  await expect(chat(page).bubble('Something new at the bottom')).toBeInViewport();
  await expect(chat(page).host.locator('[part~="new-messages"]')).toHaveCount(0);
  // Back at the bottom, the older messages leave the page again.
  await expect(chat(page).bubbles).toHaveCount(60);
});

test('a banner tells the visitor the chat is reconnecting, and goes once it is back', async ({ page }) => {
  const deploymentId = `e2e-${crypto.randomUUID()}`;
  await page.goto('/');
  await page.locator('persistent-chat').evaluate((element, id) => element.setAttribute('deployment-id', id), deploymentId);
  await chat(page).launcher.click();
  const text = uniqueText('Before the outage');
  await chat(page).send(text);
  const { id } = await sessionWith(page, text);
  const banner = chat(page).host.locator('[part~="connection-banner"]');
  await expect(banner).toHaveCount(0);
  await admin(page, 'faults', { kind: 'refuse-connections', deploymentId, ms: 2000 });
  await admin(page, 'faults', { kind: 'drop-connections', sessionId: id });
  await expect(banner).toHaveText(/Reconnecting…|Offline/);
  await expect(banner).toHaveCount(0, { timeout: 15_000 });
});

test('the panel follows the visitor’s dark preference unless the page sets a theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await chat(page).launcher.click();
  const background = () => chat(page).panel.evaluate((panel) => getComputedStyle(panel).backgroundColor);
  // Polled: the panel's frame is replaced by the panel once its code has arrived.
  await expect.poll(background).toBe('rgb(23, 26, 34)');
  await page.locator('persistent-chat').evaluate((element) => element.setAttribute('theme', 'light'));
  await expect.poll(background).toBe('rgb(255, 255, 255)');
});
