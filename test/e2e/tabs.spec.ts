import type { Page } from '@playwright/test';
import { chat, expect, session, test, uniqueText } from './helpers.js';
import { agentSays, controlVisibility, expectOneOwner, expectShownOnceEverywhere, openTab, ownersAmong, setVisibility, startConversation } from './tabs-helpers.js';

test.describe('tab ownership', () => {
  test.beforeEach(async ({ context }) => controlVisibility(context));

  test('three tabs opened one after another share one owner and one connection', async ({ page, context }) => {
    const { id } = await startConversation(page);
    const pages = [page, await openTab(context), await openTab(context)];
    const owner = await expectOneOwner(pages, id);
    expect(owner).toBe(page);
    for (const follower of pages.slice(1)) {
      await expect(chat(follower).status).toHaveText('Connected in another tab');
    }
    expect((await session(page, id)).maxConcurrentConnections).toBe(1);
  });

  test('five tabs opened at the same moment elect exactly one owner', async ({ page, context }) => {
    const { id } = await startConversation(page);
    await page.close();
    const pages = await Promise.all(Array.from({ length: 5 }, () => context.newPage()));
    await Promise.all(pages.map((each) => each.goto('/')));
    await expectOneOwner(pages, id);
    await expect.poll(async () => (await session(pages[0]!, id)).maxConcurrentConnections).toBe(1);
    // The panel was open in the first tab, so every tab shows the conversation.
    for (const each of pages) await expect(chat(each).bubbles).toHaveCount(1);
  });

  test('a message typed in a follower reaches the agent once and shows once in every tab', async ({ page, context }) => {
    const { id } = await startConversation(page);
    const pages = [page, await openTab(context), await openTab(context)];
    await expectOneOwner(pages, id);
    const text = uniqueText('Typed in the third tab');
    await chat(pages[2]!).send(text);
    await expectShownOnceEverywhere(pages, text);
    await expect(chat(pages[2]!).host.locator('[data-delivery="sent"]')).toHaveCount(2);
    await expect.poll(async () => (await session(page, id)).messages.filter((message) => message.text === text).length).toBe(1);
    await agentSays(page, id, 'Got it, from any tab');
    await expectShownOnceEverywhere(pages, 'Got it, from any tab');
    expect((await session(page, id)).maxConcurrentConnections).toBe(1);
  });

  for (const [how, leave] of [
    ['closes', (owner: Page) => owner.close()],
    ['closes after beforeunload', (owner: Page) => owner.close({ runBeforeUnload: true })],
    ['crashes', async (owner: Page) => {
      const cdp = await owner.context().newCDPSession(owner);
      cdp.send('Page.crash').catch(() => {});
    }],
    ['is frozen (the browser fires freeze, then stops the page)', async (owner: Page) => {
      // Chromium's own freezing fires `freeze` first; CDP's command fires nothing, so the test does.
      await owner.evaluate(() => document.dispatchEvent(new Event('freeze')));
      const cdp = await owner.context().newCDPSession(owner);
      await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
    }],
  ] as const) {
    test(`another tab takes over when the owner ${how}, and nothing is lost or doubled`, async ({ page, context }) => {
      const { id } = await startConversation(page);
      const followers = [await openTab(context), await openTab(context)];
      expect(await expectOneOwner([page, ...followers], id)).toBe(page);

      await leave(page);
      await agentSays(page === followers[0] ? followers[1]! : followers[0]!, id, 'Sent during the hand-over');
      const newOwner = await expectOneOwner(followers, id);
      await expect(chat(newOwner).status).toHaveAttribute('data-state', 'connected');
      await expectShownOnceEverywhere(followers, 'Sent during the hand-over');

      const after = uniqueText('Still chatting');
      await chat(followers[1]!).send(after);
      await expectShownOnceEverywhere(followers, after);
      const server = await session(followers[0]!, id);
      expect(server.messages.filter((message) => message.text === after)).toHaveLength(1);
      expect(server.messages.filter((message) => message.text === 'Sent during the hand-over')).toHaveLength(1);
    });
  }

  test('a follower takes over from a wedged owner, and the owner steps down when it recovers', async ({ page, context }) => {
    const { id } = await startConversation(page);
    const followers = [await openTab(context), await openTab(context)];
    expect(await expectOneOwner([page, ...followers], id)).toBe(page);

    // A busy main thread stops the owner's timers, socket and channel alike: it holds the
    // lock and answers nothing. (CDP's freeze leaves a visible page running, so it cannot
    // stand in for this; a real freeze fires `freeze`, tested above.)
    void page.evaluate(() => {
      const until = Date.now() + 9000;
      while (Date.now() < until);
    }).catch(() => {});
    await agentSays(followers[0]!, id, 'Sent while the owner was wedged');
    // The wedged page still holds its socket, so only the followers are counted here.
    await expect.poll(async () => (await ownersAmong(followers)).length, { timeout: 15_000 }).toBe(1);
    await expectShownOnceEverywhere(followers, 'Sent while the owner was wedged');
    const written = uniqueText('Written after the take-over');
    await chat(followers[0]!).send(written);
    await expectShownOnceEverywhere(followers, written);

    await expect(page.locator('persistent-chat[owner]')).toHaveCount(0, { timeout: 15_000 });
    await expect.poll(async () => (await session(page, id)).connections).toBe(1);
    await expectShownOnceEverywhere([page, ...followers], written);
    expect((await session(page, id)).messages.filter((message) => message.text === written)).toHaveLength(1);
  });

  test('a new agent message flashes the title of one hidden tab only', async ({ page, context }) => {
    const { id } = await startConversation(page);
    const pages = [page, await openTab(context), await openTab(context)];
    for (const each of pages) await each.locator('persistent-chat').evaluate((element) => element.setAttribute('notify', ''));
    await expectOneOwner(pages, id);
    for (const each of pages) await setVisibility(each, 'hidden');
    await agentSays(page, id, 'Are you still there?');
    await expectShownOnceEverywhere(pages, 'Are you still there?');
    // The title alternates, so each tab is watched for a while.
    const flashed = new Set<Page>();
    for (let sample = 0; sample < 10; sample++) {
      for (const each of pages) if ((await each.title()) === '(1) New message') flashed.add(each);
      await page.waitForTimeout(300);
    }
    expect(flashed.size).toBe(1);
    const [alerting] = [...flashed];
    expect(await ownersAmong(pages)).toEqual([alerting]);
    await setVisibility(alerting!, 'visible');
    await expect(alerting!).toHaveTitle('Fernhill Outfitters · Gear for every trail');
  });

  test('reloading or navigating the owner away hands over cleanly', async ({ page, context }) => {
    const { id } = await startConversation(page);
    const follower = await openTab(context);
    await expectOneOwner([page, follower], id);
    await page.reload();
    await expect(page.locator('persistent-chat[ready]')).toHaveCount(1);
    await expectOneOwner([page, follower], id);
    await page.goto('/help/');
    await expect(page.locator('persistent-chat[ready]')).toHaveCount(1);
    await expectOneOwner([page, follower], id);
    await page.goto('about:blank');
    expect(await expectOneOwner([follower], id)).toBe(follower);
    expect((await session(follower, id)).maxConcurrentConnections).toBe(1);
  });

  test('bringing a follower to the front takes the connection from a hidden owner, and two visible tabs never trade it', async ({ page, context }) => {
    const { id } = await startConversation(page);
    const follower = await openTab(context);
    await expectOneOwner([page, follower], id);

    // Both visible: the follower coming to the front does not take over.
    await setVisibility(follower, 'hidden');
    await setVisibility(follower, 'visible');
    await page.waitForTimeout(300);
    expect(await ownersAmong([page, follower])).toEqual([page]);

    await setVisibility(page, 'hidden');
    await setVisibility(follower, 'hidden');
    await setVisibility(follower, 'visible');
    expect(await expectOneOwner([page, follower], id)).toBe(follower);
    await agentSays(follower, id, 'Answered after the switch');
    await expectShownOnceEverywhere([page, follower], 'Answered after the switch');
    expect((await session(page, id)).maxConcurrentConnections).toBe(1);
  });
});

test.describe('without Web Locks', () => {
  test.beforeEach(async ({ context }) => {
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'locks', { configurable: true, get: () => undefined }));
  });

  test('a localStorage lease still elects exactly one owner', async ({ page, context }) => {
    const { id } = await startConversation(page);
    const pages = [page, await openTab(context), await openTab(context)];
    await expectOneOwner(pages, id);
    await page.waitForTimeout(2500);
    expect(await ownersAmong(pages)).toHaveLength(1);
    expect((await session(page, id)).maxConcurrentConnections).toBe(1);
  });
});
