import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { chromiumArgs, findChromium, required } from '../../scripts/browsers.mjs';
import { admin, chat, embedWith, expect, sessionWith, siteUrl, storedState, test, uniqueText, type EmulatorSession } from './helpers.js';
import { contextAllowingThirdPartyCookies, recordThirdPartyReports, thirdPartyReports } from './hub-helpers.js';

/*
 * The element's life around the visitor's messages: settings that change while a message is
 * on its way, a hub that answers after the visitor wrote, a store that never answers, an
 * insecure origin, and a page's strings of the wrong type. Everything here goes through what
 * a page can see: attributes, properties, methods, events, storage, and the emulator.
 */

/** What a page's script sees of the element. */
interface ChatElement extends HTMLElement {
  open(): void;
  send(text: string): Promise<{ text: string; delivery?: string }>;
  endChat(): void;
  whenReady(): Promise<void>;
  strings: object;
}

interface Probe {
  /** Every `send()` promise handed to `track`, as it settled. */
  settled: Array<{ text: string; delivery?: string }>;
  /** Every `chat-error` detail. */
  errors: Array<{ code: unknown; message: unknown }>;
  /** `chat-ready`, `chat-third-party`, and `sent` (the page's script wrote), in order. */
  events: string[];
  track(sent: Promise<{ text: string; delivery?: string }>): void;
}

type ProbeWindow = Window & { probe: Probe };

/** Records, in every page of `target`, how `send()` promises settle and which events fire. */
async function installProbe(target: Page | BrowserContext): Promise<void> {
  await target.addInitScript(() => {
    if (window !== window.top) return;
    const probe: Probe = {
      settled: [],
      errors: [],
      events: [],
      track(sent) {
        probe.events.push('sent');
        void sent.then((message) => probe.settled.push({ text: message.text, delivery: message.delivery }));
      },
    };
    (window as unknown as ProbeWindow).probe = probe;
    addEventListener('chat-error', (event) => probe.errors.push((event as CustomEvent<Probe['errors'][number]>).detail));
    for (const type of ['chat-ready', 'chat-third-party']) addEventListener(type, () => probe.events.push(type));
  });
}

function probed<K extends 'settled' | 'errors' | 'events'>(page: Page, key: K): Promise<Probe[K]> {
  return page.evaluate((name) => (window as unknown as ProbeWindow).probe[name], key) as Promise<Probe[K]>;
}

/** How often the emulator holds this text from a visitor, over every session. */
async function timesReceived(page: Page, text: string): Promise<number> {
  const sessions = await admin<EmulatorSession[]>(page, 'sessions');
  return sessions.flatMap((each) => each.messages).filter((message) => message.direction === 'Inbound' && message.text === text).length;
}

async function sessionsOf(page: Page, deploymentId: string): Promise<EmulatorSession[]> {
  return (await admin<EmulatorSession[]>(page, 'sessions')).filter((each) => each.deploymentId === deploymentId);
}

/** The transcript row of the visitor's message with this text (it carries `data-delivery`). */
function row(page: Page, text: string) {
  return chat(page).host.locator('.message', { hasText: text });
}

function warningsOf(page: Page): string[] {
  const warnings: string[] = [];
  page.on('console', (message) => void (message.type() === 'warning' && warnings.push(message.text())));
  return warnings;
}

/** The visitor opens the chat on the loaded page and writes once; resolves once the server acknowledged it. */
async function startChatting(page: Page): Promise<{ id: string; text: string }> {
  await chat(page).launcher.click();
  const text = uniqueText('A first question');
  await chat(page).send(text);
  await expect(row(page, text)).toHaveAttribute('data-delivery', 'sent');
  return { id: (await sessionWith(page, text)).id, text };
}

/**
 * In one task of the page's script: changes an attribute (`value` null removes it), opens
 * the chat if asked to, and writes `text`, tracking how `send()` settles.
 */
async function changeAndWrite(page: Page, text: string, attribute: string, value: string | null, { open = false } = {}): Promise<void> {
  await page.evaluate(
    ({ message, name, wanted, opening }) => {
      const element = document.querySelector('persistent-chat') as ChatElement;
      if (wanted === null) element.removeAttribute(name);
      else element.setAttribute(name, wanted);
      if (opening) element.open();
      (window as unknown as ProbeWindow).probe.track(element.send(message));
    },
    { message: text, name: attribute, wanted: value, opening: open },
  );
}

/** `send()` settled as sent, the emulator holds the text exactly once, and the transcript shows it sent. */
async function expectDeliveredOnce(page: Page, text: string): Promise<void> {
  await expect.poll(() => probed(page, 'settled')).toEqual([{ text, delivery: 'sent' }]);
  await expect.poll(() => timesReceived(page, text), { message: 'the emulator holds the text' }).toBe(1);
  await expect(row(page, text)).toHaveAttribute('data-delivery', 'sent');
  expect(await timesReceived(page, text), 'the emulator holds the text once').toBe(1);
}

/*
 * The element applies a changed attribute in its next update, a microtask later; a change of
 * most settings gives it a new conversation. Here the page writes in the same task as the change.
 */
test.describe('a message written around a settings change is delivered once', () => {
  test.beforeEach(async ({ page }) => installProbe(page));

  test('a new visitor whose page switches on async chat, opens and writes in one task: the text arrives once and send() settles as sent', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('persistent-chat[ready]')).toHaveCount(1);
    const text = uniqueText('Written as async chat was switched on');
    await changeAndWrite(page, text, 'async', '', { open: true });
    await expectDeliveredOnce(page, text);
  });

  test('a visitor with a session whose page switches off async chat before each of five messages, in one task: each arrives once and settles as sent', async ({ page }) => {
    await page.goto('/');
    await page.locator('persistent-chat').evaluate((element) => element.setAttribute('async', ''));
    const { id } = await startChatting(page);
    const texts = ['one', 'two', 'three', 'four', 'five'].map((each) => uniqueText(`Async switched off, message ${each}`));
    await page.evaluate((messages) => {
      const element = document.querySelector('persistent-chat') as ChatElement;
      for (const message of messages) {
        element.removeAttribute('async');
        (window as unknown as ProbeWindow).probe.track(element.send(message));
      }
    }, texts);

    await expect.poll(() => probed(page, 'settled')).toEqual(texts.map((text) => ({ text, delivery: 'sent' })));
    await expect
      .poll(async () => Promise.all(texts.map((text) => timesReceived(page, text))), { message: 'how often the emulator holds each text' })
      .toEqual([1, 1, 1, 1, 1]);
    expect((await sessionWith(page, texts.at(-1)!)).id).toBe(id);
    await expect(chat(page).host.locator('[data-delivery="sent"]')).toHaveCount(6);
  });

  test('a visitor with a session whose page switches storage to local as they write: the text arrives once, settles as sent, and stays in the transcript', async ({ page }) => {
    await page.goto('/');
    const { id } = await startChatting(page);
    const text = uniqueText('Written as storage changed');
    await changeAndWrite(page, text, 'storage', 'local');
    await expectDeliveredOnce(page, text);
    expect((await sessionWith(page, text)).id, 'the same conversation, moved').toBe(id);
  });

  test('a new visitor whose page changes cookie-domain, opens and writes in one task: the text arrives once, settles as sent, and stays in the transcript', async ({ page }) => {
    await page.goto(siteUrl('www.shop.localhost'));
    await expect(page.locator('persistent-chat[ready]')).toHaveCount(1);
    const text = uniqueText('Written as the cookie domain changed');
    await changeAndWrite(page, text, 'cookie-domain', 'none', { open: true });
    await expectDeliveredOnce(page, text);
  });
});

test.describe('opening the chat on another domain before the hub answered', () => {
  interface Visitor {
    context: BrowserContext;
    page: Page;
    deploymentId: string;
    errors: string[];
    warnings: string[];
  }

  /**
   * A browser that allows third-party storage, on the demo sites with a deployment of the
   * test's own. On www.partner, the page's script opens the chat and writes `text` the moment
   * `chat-ready` fires (once per tab): before the hub has answered, so before `chat-third-party`.
   */
  async function visitorWhoWritesOnThePartnerAtReady(text: string): Promise<Visitor> {
    const context = await contextAllowingThirdPartyCookies();
    const deploymentId = `e2e-${crypto.randomUUID()}`;
    await embedWith(context, { 'deployment-id': deploymentId });
    await installProbe(context);
    await recordThirdPartyReports(context);
    await context.addInitScript((message) => {
      if (window !== window.top || location.hostname !== 'www.partner.localhost' || sessionStorage.getItem('wrote-at-ready')) return;
      sessionStorage.setItem('wrote-at-ready', 'yes');
      addEventListener(
        'chat-ready',
        (event) => {
          const element = event.target as ChatElement;
          element.open();
          (window as unknown as ProbeWindow).probe.track(element.send(message));
        },
        { once: true },
      );
    }, text);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    return { context, page, deploymentId, errors, warnings: warningsOf(page) };
  }

  /** The partner page wrote before the hub answered, the hub then said it shares storage, and the message was acknowledged. */
  async function expectWrittenBeforeTheHubAnswered(page: Page, text: string): Promise<void> {
    await expect.poll(async () => (await probed(page, 'events')).slice(0, 3), 'the page wrote before the hub answered').toEqual(['chat-ready', 'sent', 'chat-third-party']);
    expect((await thirdPartyReports(page))[0]).toEqual({ available: true, storage: 'unpartitioned', access: 'granted' });
    await expect.poll(() => probed(page, 'settled')).toEqual([{ text, delivery: 'sent' }]);
  }

  test("continues the hub's conversation: the partner shows the shop's message, and the emulator holds one session", async () => {
    const followUp = uniqueText('Written on the partner at once');
    const { context, page, deploymentId, errors, warnings } = await visitorWhoWritesOnThePartnerAtReady(followUp);
    try {
      await page.goto(siteUrl('www.shop.localhost'));
      const { id, text: question } = await startChatting(page);
      // The visitor engaged: the hub is asked, and takes a copy of the session.
      await expect.poll(() => thirdPartyReports(page)).toEqual([{ available: true, storage: 'unpartitioned', access: 'granted' }]);

      await page.goto(siteUrl('www.partner.localhost'));
      await expectWrittenBeforeTheHubAnswered(page, followUp);

      expect((await sessionWith(page, followUp)).id, "the partner's message is in the shop's session").toBe(id);
      await expect(chat(page).bubbles).toHaveText([question, followUp]);
      expect(await sessionsOf(page, deploymentId)).toHaveLength(1);
      expect(warnings.filter((warning) => warning.includes('the hub is gone'))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('with no conversation in the hub, starts exactly one session', async () => {
    const text = uniqueText('Written on the partner before the hub answered');
    const { context, page, deploymentId, errors, warnings } = await visitorWhoWritesOnThePartnerAtReady(text);
    try {
      await page.goto(siteUrl('www.partner.localhost'));
      await expectWrittenBeforeTheHubAnswered(page, text);

      // The next page finds the same conversation, and nothing started another.
      await page.reload();
      await expect(chat(page).bubbles).toHaveText([text]);
      expect(await timesReceived(page, text)).toBe(1);
      expect(await sessionsOf(page, deploymentId)).toHaveLength(1);
      expect(warnings.filter((warning) => warning.includes('the hub is gone'))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

test.describe('a store that hangs while erasing blocks nothing', () => {
  /**
   * From the next page on, `indexedDB.open` never answers (as in Safari 14). The database an
   * earlier visit created is still listed by `indexedDB.databases()`, which is how the widget
   * decides that there is something to erase there; with no database, nothing is waited for.
   */
  async function indexedDbOpenHangsFromNowOn(page: Page): Promise<void> {
    await page.addInitScript(() => {
      Object.defineProperty(IDBFactory.prototype, 'open', {
        configurable: true,
        value: () => new EventTarget() as IDBOpenDBRequest,
      });
    });
  }

  async function anEarlierVisitChatted(page: Page): Promise<void> {
    await page.goto('/');
    await startChatting(page);
    await expect.poll(async () => (await storedState(page)).databases).toContain('persistent-chat');
  }

  test('a chat ended while IndexedDB hangs, then a new one: the new chat is there after a reload', async ({ page }) => {
    await anEarlierVisitChatted(page);
    await indexedDbOpenHangsFromNowOn(page);
    await page.reload();
    // Ended as soon as the element is ready: before this tab holds the connection, or while it connects.
    await page.locator('persistent-chat').evaluate((element) => (element as ChatElement).whenReady().then(() => (element as ChatElement).endChat()));
    await expect(chat(page).host.locator('[part~="ended"]')).toBeVisible();
    await chat(page).host.getByRole('button', { name: 'Start a new chat' }).click();
    const text = uniqueText('A new chat after the end');
    await chat(page).send(text);
    await expect(row(page, text)).toHaveAttribute('data-delivery', 'sent');
    await expect.poll(async () => (await storedState(page)).cookies, { message: "the new chat's session record in the cookie" }).toHaveLength(1);

    // The new chat is remembered with its panel open, as the ended one was.
    await page.reload();
    await expect(chat(page).panel).toBeVisible();
    await expect(chat(page).bubbles).toHaveText([text]);
  });

  test('consent denied while IndexedDB hangs: the widget becomes ready, and a message reaches the emulator', async ({ page }) => {
    await anEarlierVisitChatted(page);
    await indexedDbOpenHangsFromNowOn(page);
    await embedWith(page, { consent: 'denied' });
    await page.reload();

    await expect(page.locator('persistent-chat[ready]')).toHaveCount(1);
    await page.locator('persistent-chat').evaluate((element) => (element as ChatElement).whenReady());
    await chat(page).launcher.click();
    const text = uniqueText('Written with consent denied');
    await chat(page).send(text);
    await sessionWith(page, text);
    await expect(row(page, text)).toHaveAttribute('data-delivery', 'sent');
    expect((await storedState(page)).cookies).toEqual([]);
  });
});

test('on an insecure origin (http://shop.test) the widget becomes ready, throws nothing, and a message reaches the emulator', async () => {
  // Chromium treats localhost, *.localhost and 127.0.0.1 as secure: another name, mapped to loopback, is not.
  const browser = await chromium.launch({
    executablePath: required(findChromium(), 'Chromium'),
    args: [...chromiumArgs, '--host-resolver-rules=MAP shop.test 127.0.0.1'],
  });
  try {
    const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(siteUrl('shop.test'));
    expect(await page.evaluate(() => isSecureContext)).toBe(false);
    // No Web Locks here: the tabs elect through the localStorage lease.
    expect(await page.evaluate(() => 'locks' in navigator)).toBe(false);

    await expect(page.locator('persistent-chat[ready]')).toHaveCount(1);
    expect(errors, 'errors thrown in the page').toEqual([]);
    await chat(page).launcher.click();
    const text = uniqueText('Asked on an http site');
    await chat(page).send(text);
    await sessionWith(page, text);
    await expect(row(page, text)).toHaveAttribute('data-delivery', 'sent');
    await expect(page.locator('persistent-chat[owner]')).toHaveCount(1);

    // A second tab follows the first: one owner, one connection, the same transcript.
    const second = await context.newPage();
    second.on('pageerror', (error) => errors.push(error.message));
    await second.goto(siteUrl('shop.test'));
    // The panel was left open in the first tab: it opens here too.
    await expect(chat(second).panel).toBeVisible();
    await expect(chat(second).bubble(text)).toBeVisible();
    await expect(second.locator('persistent-chat[owner]')).toHaveCount(0);
    expect((await sessionWith(page, text)).maxConcurrentConnections).toBe(1);
    expect(errors, 'errors thrown in the page').toEqual([]);
  } finally {
    await browser.close();
  }
});

test('a strings entry of the wrong type falls back to the English text, with chat-error and one warning', async ({ page, pageErrors }) => {
  await installProbe(page);
  const warnings = warningsOf(page);
  await page.goto('/');
  // `typing` is a function of the agent's name in the built-in strings.
  await page.locator('persistent-chat').evaluate((element) => void ((element as ChatElement).strings = { typing: 'x' }));
  const { id } = await startChatting(page);
  await admin(page, `sessions/${id}/typing`, {});

  await expect(chat(page).host.locator('.typing')).toContainText('is typing');
  expect(pageErrors, 'errors thrown in the page').toEqual([]);
  await expect
    .poll(async () => (await probed(page, 'errors')).filter((error) => String(error.message).includes('strings')))
    .toEqual([{ code: 'invalid-property', message: expect.stringContaining('strings') }]);
  expect(warnings.filter((warning) => warning.includes('strings'))).toHaveLength(1);
});
