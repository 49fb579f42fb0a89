import { chat, expect, storedState, test } from './helpers.js';

test('auto-open opens the chat on the first page of a visit, without taking focus or starting a session', async ({ page, context }) => {
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const element = document.querySelector('persistent-chat');
      if (!element) return;
      element.setAttribute('auto-open', '1');
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto('/');
  await expect(chat(page).panel).toBeVisible({ timeout: 5000 });
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BODY');
  expect((await storedState(page)).cookies).toEqual([]);

  // Closed by the visitor: remembered, so the next visit's first page does not open it again.
  await chat(page).launcher.click();
  await expect(chat(page).panel).toHaveCount(0);
  await page.goto('about:blank');
  await page.goto('/');
  await expect(page.locator('persistent-chat[ready]')).toHaveCount(1);
  await page.waitForTimeout(2000);
  await expect(chat(page).panel).toHaveCount(0);
});

test('the teaser invites the visitor in, and once dismissed stays away', async ({ page }) => {
  await page.goto('/');
  const teaser = chat(page).host.locator('[part~="teaser"]');
  await expect(teaser).toBeVisible();
  await expect(page.locator('persistent-chat [slot="teaser"]')).toHaveText('Not sure about sizing? Ask us, we are online.');
  await teaser.getByRole('button', { name: 'Not sure about sizing?' }).click();
  await expect(chat(page).panel).toBeVisible();
  await expect(teaser).toBeHidden();
  await chat(page).launcher.click();
  await expect(teaser).toBeVisible();
  await teaser.getByRole('button', { name: 'Dismiss' }).click();
  await expect(teaser).toBeHidden();
  await page.reload();
  await expect(page.locator('persistent-chat[ready]')).toHaveCount(1);
  await expect(teaser).toBeHidden();
});
