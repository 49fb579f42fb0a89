import type { Page } from '@playwright/test';
import { decodeHandoff, encodeHandoff } from '../../src/handoff/handoff-code.js';
import { contextAllowingThirdPartyCookies, recordThirdPartyReports, thirdPartyReports } from './hub-helpers.js';
import { admin, chat, embedWith, expect, session, sessionWith, siteUrl, test, uniqueText, type EmulatorSession } from './helpers.js';
import { chatOnShop, decorated, embedOwnDeployment, followLinkTo, handoffState, linkedWithoutHub, origin, partner, recordHandoffs, sessionsOf, shop } from './handoff-helpers.js';

/*
 * Link hand-off: the conversation follows the visitor's click from www.shop.localhost to
 * www.partner.localhost, another site, in Playwright's default context, where third-party
 * storage is blocked (so no hub could carry it).
 */

/** The names of what this origin keeps: cookies, localStorage and sessionStorage keys. */
function storedNames(page: Page): Promise<string[]> {
  return page.evaluate(() => [...document.cookie.split('; ').map((pair) => `cookie ${pair.split('=')[0]}`), ...Object.keys(localStorage).map((key) => `local ${key}`), ...Object.keys(sessionStorage).map((key) => `session ${key}`)].sort());
}

/** The texts of the outbox entries this origin's IndexedDB cache holds. */
function storedOutbox(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const opening = indexedDB.open('persistent-chat');
        opening.onerror = () => resolve(['(unreadable)']);
        opening.onsuccess = () => {
          const db = opening.result;
          if (!db.objectStoreNames.contains('records')) return resolve([]);
          const all = db.transaction('records').objectStore('records').getAll();
          all.onsuccess = () =>
            resolve(
              (all.result as unknown[]).flatMap((value) => {
                try {
                  const parsed = JSON.parse(String(value)) as { outbox?: Array<{ text: string }> };
                  return (parsed.outbox ?? []).map((entry) => entry.text);
                } catch {
                  return [];
                }
              }),
            );
          all.onerror = () => resolve(['(unreadable)']);
        };
      }),
  );
}

async function expectContinued(page: Page, { question, answer }: { question: string; answer: string }): Promise<void> {
  await expect(chat(page).bubbles).toHaveText([question, answer]);
  await expect.poll(async () => (await handoffState(page)).handoffs).toEqual([{ accepted: true, from: origin(shop) }]);
}

test('a click on a link to the partner site continues the conversation there: same session, transcript, open panel, one connection, no hub', async ({ page }) => {
  await recordHandoffs(page);
  const deploymentId = await embedOwnDeployment(page, page, linkedWithoutHub());
  const started = await chatOnShop(page);
  // At rest, no link carries a hand-off.
  expect(await page.locator('a[href*="pchat"]').count()).toBe(0);

  await page.getByRole('link', { name: 'Fernhill Rentals (partner site)' }).click();
  await page.waitForURL((url) => url.hostname === partner);
  await expectContinued(page, started);
  await expect(chat(page).panel).toBeVisible();
  // Out of the address bar before chat-ready, and for good.
  const { readyAt } = await handoffState(page);
  expect(readyAt).toHaveLength(1);
  expect(readyAt[0]).not.toContain('pchat');
  expect(page.url()).toBe(siteUrl(partner));
  expect(page.frames()).toHaveLength(1);

  const followUp = uniqueText('Continued on the partner');
  await chat(page).send(followUp);
  await expect.poll(async () => (await session(page, started.session.id)).messages.map((message) => message.text)).toEqual([started.question, started.answer, followUp]);
  expect((await session(page, started.session.id)).maxConcurrentConnections).toBe(1);
  expect(await sessionsOf(page, deploymentId)).toHaveLength(1);

  // The partner keeps it as if the visitor had started there: a reload continues it (with no hand-off left to read).
  await page.reload();
  await expect(chat(page).bubbles).toHaveText([started.question, started.answer, followUp]);
  expect((await handoffState(page)).handoffs).toEqual([]);
});

test('target=_blank, middle-click, the keyboard, a GET form, a POST form and decorate() all carry the conversation, and the shop stores nothing new', async ({ page, context }) => {
  await recordHandoffs(context);
  // The demo's own deployment: a tab opened by a middle-click in the background may start before
  // the test's scripts reach it, and then has the page's own attributes (the hub's list of sites
  // links it to the shop all the same).
  await embedWith(context, linkedWithoutHub());
  const started = await chatOnShop(page);
  const partnerUrl = siteUrl(partner, '/help/');
  // The shop's page with links and forms to the partner (again after each return: the page may be loaded anew).
  const addLinks = () =>
    page.evaluate((url) => {
      document.body.insertAdjacentHTML(
        'afterbegin',
        `<a id="blank" target="_blank" href="${url}">new tab</a>
       <a id="middle" href="${url}">middle</a>
       <form id="get" action="${url}" method="get"><input name="q" value="boots"><button>Search</button></form>
       <form id="post" action="${url}#faq" method="post"><input name="q" value="boots"><button>Post</button></form>`,
      );
    }, partnerUrl);
  await addLinks();

  // What the shop keeps, before the hand-offs: they add nothing to it.
  const storedBefore = await storedNames(page);
  for (const how of ['blank', 'middle', 'keyboard'] as const) {
    const opened = context.waitForEvent('page');
    if (how === 'keyboard') {
      await page.locator('#blank').focus();
      await page.keyboard.press('Enter');
    } else {
      await page.locator(`#${how}`).click(how === 'middle' ? { button: 'middle' } : {});
    }
    const tab = await opened;
    // (The background tab may miss the test's listener for chat-handoff: its transcript says it all.)
    if (how === 'middle') await expect(chat(tab).bubbles).toHaveText([started.question, started.answer]);
    else await expectContinued(tab, started);
    await expect.poll(() => tab.url(), { message: how }).toBe(partnerUrl);
    await tab.close();
  }
  expect(await storedNames(page)).toEqual(storedBefore);
  // Each link carried a hand-off for the moment of its click only: at rest they are as they were.
  expect((await handoffState(page)).decorated).toEqual(Array.from({ length: 3 }, () => expect.stringContaining('#pchat=h1~')));
  expect(await page.locator('#blank').getAttribute('href')).toBe(partnerUrl);
  expect(await page.locator('#middle').getAttribute('href')).toBe(partnerUrl);

  await page.locator('#get button').first().click();
  await page.waitForURL((url) => url.hostname === partner);
  await expectContinued(page, started);
  expect(page.url()).toBe(`${partnerUrl}?q=boots`);

  await page.goBack();
  await page.waitForURL((url) => url.hostname === shop);
  await addLinks();
  await page.locator('#post button').first().click();
  await page.waitForURL((url) => url.hostname === partner);
  await expectContinued(page, started);
  // The rest of the fragment stays.
  expect(page.url()).toBe(`${partnerUrl}#faq`);

  await page.goBack();
  await page.waitForURL((url) => url.hostname === shop);
  await expect(page.locator('persistent-chat[ready]')).toHaveCount(1);
  const viaScript = await decorated(page, partnerUrl);
  expect(viaScript).toMatch(/^http:\/\/www\.partner\.localhost:\d+\/help\/#pchat=h1~/);
  await page.evaluate((url) => location.assign(url), viaScript);
  await page.waitForURL((url) => url.hostname === partner);
  await expectContinued(page, started);
  const holding = (await admin<EmulatorSession[]>(page, 'sessions')).filter((each) => each.messages.some((message) => message.text === started.question));
  expect(holding).toHaveLength(1);
});

/**
 * `decorate()` leaves `url` as it is, and following a link to it carries nothing: the page
 * there hears of no hand-off (a decorated link would bring one, accepted or refused) and
 * shows no conversation.
 */
async function expectNothingCarried(page: Page, url: string): Promise<void> {
  expect(await decorated(page, url)).toBe(url);
  await followLinkTo(page, url);
  await expect(page.locator('persistent-chat[ready]')).toHaveCount(1);
  expect((await handoffState(page)).handoffs).toEqual([]);
  await expect(chat(page).bubbles).toHaveCount(0);
}

test('not decorated: a link to a site not listed, a visitor without a conversation, consent not granted', async ({ page, context }) => {
  await recordHandoffs(context);
  await embedOwnDeployment(page, context, linkedWithoutHub());
  const elsewhere = siteUrl('www.elsewhere.localhost');
  const partnerUrl = siteUrl(partner);

  // No conversation yet.
  await page.goto(siteUrl(shop));
  await expect(page.locator('persistent-chat[ready]')).toHaveCount(1);
  await expectNothingCarried(page, partnerUrl);

  // With a conversation, a site that is not listed gets nothing.
  await chatOnShop(page);
  await expectNothingCarried(page, elsewhere);
});

test('not decorated while consent is pending, though the visitor chats', async ({ page }) => {
  await recordHandoffs(page);
  await embedOwnDeployment(page, page, {
    ...linkedWithoutHub(),
    consent: 'pending',
  });
  await chatOnShop(page);
  await expectNothingCarried(page, siteUrl(partner));
});

test.describe('not accepted', () => {
  /** Arrives on the partner with `url`, from `fromHost` by a link (or typed, without one), and expects a refusal for `reason`. */
  async function expectRefused(page: Page, url: string, reason: string, fromHost?: string, { alreadyHere = false } = {}): Promise<void> {
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning' && message.text().includes('hand-off')) warnings.push(message.text());
    });
    if (fromHost) {
      await page.goto(siteUrl(fromHost, '/help/'));
      await followLinkTo(page, url);
    } else {
      await page.goto(url);
    }
    await expect.poll(async () => (await handoffState(page)).handoffs).toEqual([{ accepted: false, reason }]);
    expect(warnings).toEqual([expect.stringContaining(`(${reason})`)]);
    // As if there were none: nothing adopted, and the address bar is clean all the same.
    await expect(page.locator('persistent-chat[ready]')).toHaveCount(1);
    expect(page.url()).not.toContain('pchat');
    if (alreadyHere) return;
    await chat(page).launcher.click();
    await expect(chat(page).panel).toBeVisible();
    await expect(chat(page).bubbles).toHaveCount(0);
  }

  test('expired, used, without referrer, from an unlisted site, tampered, truncated, for another widget', async ({ browser }) => {
    const source = await browser.newContext();
    const page = await source.newPage();
    const deploymentId = await embedOwnDeployment(page, source, linkedWithoutHub());
    await chatOnShop(page);
    const partnerUrl = siteUrl(partner);
    const good = await decorated(page, partnerUrl);
    const code = good.split('#pchat=')[1]!;
    const handoff = decodeHandoff(code)!;
    expect(handoff.record.open).toBe(true);
    const withCode = (value: string) => `${partnerUrl}#pchat=${value}`;
    const cases: Array<{
      url: string;
      reason: string;
      from?: string;
      attributes?: Record<string, string>;
    }> = [
      {
        url: withCode(
          encodeHandoff({
            ...handoff,
            expiresAt: Date.now() - 1000,
            id: crypto.randomUUID(),
          }),
        ),
        reason: 'expired',
        from: shop,
      },
      // Made by hand to last: a widget's code never claims more than its minute.
      { url: withCode(encodeHandoff({ ...handoff, expiresAt: Date.now() + 3_600_000, id: crypto.randomUUID() })), reason: 'expired', from: shop },
      { url: good, reason: 'no-referrer' },
      {
        url: good,
        reason: 'unlisted-referrer',
        from: 'www.elsewhere.localhost',
      },
      {
        url: withCode(code.replace(/~(\w)/, (_, first: string) => `~${first === 'a' ? 'b' : 'a'}`)),
        reason: 'malformed',
        from: shop,
      },
      { url: withCode(code.slice(0, -3)), reason: 'malformed', from: shop },
      {
        url: good,
        reason: 'other-widget',
        from: shop,
        attributes: { name: 'another-widget' },
      },
    ];
    for (const { url, reason, from, attributes } of cases) {
      // Each in a browser of its own (a new visitor, or another browser the address was pasted into).
      const context = await browser.newContext();
      const destination = await context.newPage();
      await recordHandoffs(context);
      await embedOwnDeployment(destination, context, { ...linkedWithoutHub(), ...attributes }, deploymentId);
      await test.step(reason, () => expectRefused(destination, url, reason, from));
      await context.close();
    }

    // Used: accepted once, then the same address opened again from the shop (a second tab from the history) is refused.
    const context = await browser.newContext();
    const first = await context.newPage();
    await recordHandoffs(context);
    await embedOwnDeployment(first, context, linkedWithoutHub(), deploymentId);
    await first.goto(siteUrl(shop, '/help/'));
    await followLinkTo(first, good);
    await expect.poll(async () => (await handoffState(first)).handoffs).toEqual([{ accepted: true, from: origin(shop) }]);
    await expect(chat(first).bubbles).toHaveCount(2);
    const again = await context.newPage();
    // (This browser has the conversation already, from the first tab: it is simply not taken a second time.)
    await expectRefused(again, good, 'used', shop, { alreadyHere: true });
    await context.close();
    await source.close();
  });
});

test('back and forward after a hand-off bring no hand-off back: the history holds the address without it', async ({ page }) => {
  await recordHandoffs(page);
  await embedOwnDeployment(page, page, linkedWithoutHub());
  const started = await chatOnShop(page);
  await page.getByRole('link', { name: 'Fernhill Rentals (partner site)' }).click();
  await page.waitForURL((url) => url.hostname === partner);
  await expectContinued(page, started);
  await page.goBack();
  await page.waitForURL((url) => url.hostname === shop);
  await page.goForward();
  await page.waitForURL((url) => url.hostname === partner);
  expect(page.url()).toBe(siteUrl(partner));
  await expect(chat(page).bubbles).toHaveText([started.question, started.answer]);
  expect((await handoffState(page)).handoffs).toEqual([]);
});

test('third-party storage allowed, with the hub: link hand-off and the hub agree on one session, with no flip-flop', async () => {
  const context = await contextAllowingThirdPartyCookies();
  try {
    const page = await context.newPage();
    await recordHandoffs(context);
    // The demo's own tag: the hub on a domain of its own, whose trusted origins are the linked sites.
    const deploymentId = await embedOwnDeployment(page, context);
    const started = await chatOnShop(page);
    await page.getByRole('link', { name: 'Fernhill Rentals (partner site)' }).click();
    await page.waitForURL((url) => url.hostname === partner);
    await expectContinued(page, started);
    const followUp = uniqueText('On the partner, with the hub too');
    await chat(page).send(followUp);
    await expect.poll(async () => (await session(page, started.session.id)).messages.map((message) => message.text)).toEqual([started.question, started.answer, followUp]);

    // Back on the shop through its own link: the same conversation, from the hand-off and the hub alike.
    await page.getByRole('navigation').getByRole('link', { name: 'Fernhill Outfitters' }).click();
    await page.waitForURL((url) => url.hostname === shop);
    await expect(chat(page).bubbles).toHaveText([started.question, started.answer, followUp]);
    await admin(page, `sessions/${started.session.id}/messages`, {
      text: 'Still here on both sites.',
    });
    await expect(chat(page).bubble('Still here on both sites.')).toBeVisible();
    expect(await sessionsOf(page, deploymentId)).toHaveLength(1);
    expect((await session(page, started.session.id)).maxConcurrentConnections).toBe(1);
  } finally {
    await context.close();
  }
});

test('third-party storage blocked, with the hub: the notice asks for nothing, and says once there is a conversation that links carry it', async ({ page }) => {
  await recordThirdPartyReports(page);
  await recordHandoffs(page);
  await embedOwnDeployment(page, page);
  await page.goto(siteUrl(shop));
  await chat(page).launcher.click();
  await expect.poll(() => thirdPartyReports(page)).toEqual([{ available: false, storage: 'blocked', access: 'prompt' }]);
  const notice = chat(page).host.locator('[part~="third-party-notice"]');
  // Nothing to continue yet: nothing to say.
  await expect(notice).toHaveCount(0);
  const question = uniqueText('Asked with the hub blocked');
  await chat(page).send(question);
  await expect(notice).toHaveText('This chat continues on our other websites when you open them from the links on this one.');
  await expect(notice.locator('iframe')).toHaveCount(0);
  await expect(notice).not.toContainText('third-party');

  // And it does: the hub's trusted origins are the linked sites.
  await page.getByRole('navigation').getByRole('link', { name: 'Fernhill Rentals (partner site)' }).click();
  await page.waitForURL((url) => url.hostname === partner);
  await expect(chat(page).bubbles).toHaveText([question]);
  await expect.poll(async () => (await handoffState(page)).handoffs).toEqual([{ accepted: true, from: origin(shop) }]);
});

test('a conversation brought by a link is not undone by an older one the hub holds', async () => {
  const context = await contextAllowingThirdPartyCookies();
  try {
    const page = await context.newPage();
    await recordHandoffs(context);
    await embedOwnDeployment(page, context, { 'linked-domains': `${origin(shop)} ${origin(partner)}` });
    // The shop has no hub; the partner keeps its conversations in the hub as well.
    await context.addInitScript((shopHost) => {
      if (location.hostname !== shopHost || window !== window.top) return;
      const observer = new MutationObserver(() => {
        const element = document.querySelector('persistent-chat');
        if (!element) return;
        observer.disconnect();
        element.setAttribute('iframe-url', '');
      });
      observer.observe(document, { childList: true, subtree: true });
    }, shop);

    // An older conversation on the partner, which the hub keeps.
    await page.goto(siteUrl(partner));
    await chat(page).launcher.click();
    const older = uniqueText('Older, on the partner');
    await chat(page).send(older);
    const olderSession = await sessionWith(page, older);
    await admin(page, `sessions/${olderSession.id}/messages`, { text: 'An answer on the partner.' });
    await expect(chat(page).bubble('An answer on the partner.')).toBeVisible();
    // Stored as acknowledged before the visitor leaves (what a page writes as it unloads may not
    // reach IndexedDB; see "Continued as from the hub" in the README): an older conversation, not an unsent message.
    await expect.poll(() => storedOutbox(page)).toEqual([]);

    // A newer one on the shop, then a click to the partner.
    const started = await chatOnShop(page);
    await page.getByRole('navigation').getByRole('link', { name: 'Fernhill Rentals (partner site)' }).click();
    await page.waitForURL((url) => url.hostname === partner);
    await expectContinued(page, started);
    // The hub has answered (its older conversation is known) and the one brought here stays, after a reload too.
    await expect.poll(() => page.frames().some((frame) => frame.url().includes('chat.hub.localhost'))).toBe(true);
    await page.waitForTimeout(1500);
    await expect(chat(page).bubbles).toHaveText([started.question, started.answer]);
    await page.reload();
    await expect(chat(page).bubbles).toHaveText([started.question, started.answer]);
  } finally {
    await context.close();
  }
});
