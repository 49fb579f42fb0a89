export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Opens the chat on `url` and sends `text`, waiting until the server acknowledged it. */
export async function startChat(page, url, text) {
  await page.goto(url);
  await page.locator('persistent-chat [part~="launcher"]').click();
  await page.locator('persistent-chat textarea').fill(text);
  await page.locator('persistent-chat textarea').press('Enter');
  await page.locator('persistent-chat [data-delivery="sent"]').first().waitFor();
}
