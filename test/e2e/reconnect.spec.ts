import { admin, chat, expect, session, sessionWith, test, uniqueText } from './helpers.js';

test('after the connection drops, the widget reconnects and delivers what was written meanwhile exactly once', async ({ page }) => {
  await page.goto('/');
  // A deployment of this test's own, so that the outage below touches no other test.
  const deploymentId = `e2e-${crypto.randomUUID()}`;
  await page.locator('persistent-chat').evaluate((element, id) => element.setAttribute('deployment-id', id), deploymentId);
  const widget = chat(page);
  await widget.launcher.click();
  const before = uniqueText('Before the outage');
  await widget.send(before);
  const { id } = await sessionWith(page, before);
  // Already on screen before the drop: the history read after reconnecting returns it again.
  await admin(page, `sessions/${id}/messages`, { text: 'Answered before the outage' });
  await expect(widget.bubble('Answered before the outage')).toBeVisible();
  await expect(widget.status).toHaveAttribute('data-state', 'connected');

  await admin(page, 'faults', { kind: 'refuse-connections', deploymentId, ms: 2500 });
  await admin(page, 'faults', { kind: 'drop-connections', sessionId: id });
  await expect(widget.status).toHaveAttribute('data-state', /reconnecting|offline/);
  await admin(page, `sessions/${id}/messages`, { text: 'Said while you were offline' });

  const during = uniqueText('Written during the outage');
  await widget.send(during);
  await expect(widget.host.locator('[data-delivery="sending"]')).toHaveCount(1);

  await expect(widget.status).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
  await expect(widget.host.locator('[data-delivery="sending"]')).toHaveCount(0);
  await expect(widget.bubbles).toHaveText([before, 'Answered before the outage', 'Said while you were offline', during]);

  const server = await session(page, id);
  expect(server.messages.filter((message) => message.text === during)).toHaveLength(1);
  expect(server.messages).toHaveLength(4);
  expect(server.connections).toBe(1);
});
