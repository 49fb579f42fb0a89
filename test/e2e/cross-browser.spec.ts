import { expect, test } from '@playwright/test';
import type { SessionView } from '../../demo/server/emulator/admin-types.js';
import { adminCall, sessionHolding, shopUrl } from './engines/emulator-admin.js';
import { inEveryEngine, type Tab } from './engines/engines.js';

/*
 * The scenarios that matter most, in Chromium (Playwright) and Firefox (Puppeteer over
 * WebDriver BiDi): tab ownership and hand-over, reload, the sub-domain cookie, consent, a
 * lost echo, and what the storage hub reports. Firefox has no crash command over BiDi: its
 * "crash" is the nearest real thing (see `engines/engine.ts`).
 */

function unique(prefix: string): string {
  return `${prefix} ${crypto.randomUUID().slice(0, 8)}`;
}

function texts(tab: Tab): Promise<string[]> {
  return tab.evaluate(() => [...(document.querySelector('persistent-chat')?.shadowRoot?.querySelectorAll('.bubble') ?? [])].map((bubble) => bubble.textContent?.trim() ?? ''), undefined);
}

function isOwner(tab: Tab): Promise<boolean> {
  return tab.evaluate(() => document.querySelector('persistent-chat')?.hasAttribute('owner') ?? false, undefined);
}

function setAttribute(tab: Tab, name: string, value: string): Promise<void> {
  return tab.evaluate(([attribute, to]) => document.querySelector('persistent-chat')?.setAttribute(attribute, to), [name, value] as const);
}

/** What this origin keeps of ours: cookie names, localStorage keys, IndexedDB databases. */
function stored(tab: Tab): Promise<{ cookies: string[]; localKeys: string[]; databases: string[] }> {
  return tab.evaluate(async () => ({
    cookies: document.cookie
      .split('; ')
      .map((pair) => pair.split('=')[0] ?? '')
      .filter((name) => name.startsWith('pchat_')),
    localKeys: Object.keys(localStorage).filter((key) => key.startsWith('persistent-chat:')),
    databases: ((await indexedDB.databases?.()) ?? []).map((database) => database.name ?? ''),
  }), undefined);
}

async function serverSession(id: string): Promise<SessionView> {
  const found = (await adminCall<SessionView[]>('sessions')).find((each) => each.id === id);
  if (!found) throw new Error(`the emulator has no session ${id}`);
  return found;
}

/** Opens the chat in `tab` and says `text`; resolves with the emulator's session. */
async function startChat(tab: Tab, text: string): Promise<SessionView> {
  await tab.clickLauncher();
  await tab.send(text);
  return sessionHolding(text);
}

inEveryEngine((engine, name) => {
  test('three tabs: one owner and one connection; the owner closes, then the next one crashes: each time another takes over, and every message arrives once', async () => {
    const visitor = await engine().newVisitor();
    const tabs = [await visitor.newTab(shopUrl()), await visitor.newTab(shopUrl()), await visitor.newTab(shopUrl())];
    const first = unique('before');
    const session = await startChat(tabs[0]!, first);
    const owner = async () => {
      let found: Tab | undefined;
      await expect
        .poll(async () => {
          const flags = await Promise.all(tabs.map(isOwner));
          found = flags.filter(Boolean).length === 1 ? tabs[flags.indexOf(true)] : undefined;
          return flags.filter(Boolean).length;
        }, { message: 'exactly one owner' })
        .toBe(1);
      await expect.poll(async () => (await serverSession(session.id)).connections, { message: 'one live connection' }).toBe(1);
      return found!;
    };

    const sent = [first];
    for (const leave of ['close', 'crash'] as const) {
      const gone = await owner();
      tabs.splice(tabs.indexOf(gone), 1);
      await (leave === 'close' ? gone.close() : gone.crash());
      const next = await owner();
      const text = unique(`after the owner's ${leave}`);
      await next.send(text);
      sent.push(text);
      await expect.poll(async () => (await serverSession(session.id)).messages.map((message) => message.text), { message: `after the ${leave}` }).toEqual(sent);
    }
    for (const tab of tabs) await expect.poll(() => texts(tab)).toEqual(sent);
    for (const tab of tabs) expect(await tab.thrown(), 'errors thrown in the page').toEqual([]);
    await visitor.close();
  });

  test('a reload shows the conversation again, and help.shop, a sub-domain, continues it through the shared cookie', async () => {
    const visitor = await engine().newVisitor();
    const shop = await visitor.newTab(shopUrl());
    const text = unique('on www.shop');
    const session = await startChat(shop, text);
    await expect.poll(async () => (await stored(shop)).cookies.length, { message: 'the session cookie' }).toBe(1);
    await shop.reload();
    await expect.poll(() => texts(shop), { message: 'after the reload' }).toEqual([text]);

    // The panel was left open: it opens again by itself on the help centre, with the conversation in it.
    const help = await visitor.newTab(shopUrl('help.shop.localhost', '/help/'));
    await expect.poll(() => texts(help), { message: 'on help.shop' }).toEqual([text]);
    const more = unique('on help.shop');
    await help.send(more);
    await expect.poll(async () => (await serverSession(session.id)).messages.map((message) => message.text)).toEqual([text, more]);
    const sessions = (await adminCall<SessionView[]>('sessions')).filter((each) => each.messages.some((message) => message.text === text));
    expect(sessions, 'one session for both sub-domains').toHaveLength(1);
    await visitor.close();
  });

  test('consent pending keeps everything in memory; granted, the conversation is stored and survives a reload', async () => {
    const visitor = await engine().newVisitor();
    const tab = await visitor.newTab(shopUrl());
    await setAttribute(tab, 'consent', 'pending');
    const question = unique('asked before consent');
    await startChat(tab, question);
    expect(await stored(tab)).toEqual({ cookies: [], localKeys: [], databases: [] });

    await setAttribute(tab, 'consent', 'granted');
    await expect.poll(async () => (await stored(tab)).cookies.length).toBe(1);
    await tab.reload();
    await expect.poll(() => texts(tab)).toEqual([question]);
    await visitor.close();
  });

  test('a message whose echo was lost with the connection is not sent again', async () => {
    const visitor = await engine().newVisitor();
    const tab = await visitor.newTab(shopUrl());
    const first = unique('first');
    const session = await startChat(tab, first);
    await adminCall('faults', { kind: 'drop-before-echo', count: 1 });
    const lost = unique('echo lost');
    await tab.send(lost);
    const after = unique('after the reconnect');
    await tab.send(after);
    await expect.poll(async () => (await serverSession(session.id)).messages.map((message) => message.text), { timeout: 20_000 }).toEqual([first, lost, after]);
    await expect.poll(() => texts(tab)).toEqual([first, lost, after]);
    await visitor.close();
  });

  test('the storage hub says what this browser lets it do: blocked in Chromium without third-party cookies, partitioned in Firefox', async () => {
    const visitor = await engine().newVisitor();
    const tab = await visitor.newTab(shopUrl());
    // The hub is asked only once the visitor engages.
    await tab.clickLauncher();
    const reports = () => tab.evaluate(() => (window as unknown as { __thirdParty: unknown[] }).__thirdParty, undefined);
    await expect.poll(reports).toHaveLength(1);
    const [detail] = await reports();
    expect(detail).toEqual(name === 'firefox' ? { available: false, storage: 'partitioned', access: 'prompt' } : { available: false, storage: 'blocked', access: 'prompt' });
    await visitor.close();
  });

  test('a click from www.shop to www.partner, another site, carries the conversation (link hand-off, no hub)', async () => {
    const linked = [shopUrl(), shopUrl('www.partner.localhost')].map((url) => new URL(url).origin).join(' ');
    const visitor = await engine().newVisitor({ attributes: { 'iframe-url': '', 'linked-domains': linked } });
    const tab = await visitor.newTab(shopUrl());
    const text = unique('before the click');
    const session = await startChat(tab, text);
    await expect.poll(() => texts(tab)).toEqual([text]);
    // The visitor's click on the shop's link to its partner (a script's click: the same event, untrusted).
    await tab.evaluate(() => [...document.querySelectorAll<HTMLAnchorElement>('nav a')].find((link) => link.textContent?.includes('partner'))?.click(), undefined);
    const arrived = () => tab.evaluate(() => ({ host: location.hostname, url: location.href, texts: [...(document.querySelector('persistent-chat')?.shadowRoot?.querySelectorAll('.bubble') ?? [])].map((bubble) => bubble.textContent?.trim() ?? '') }), undefined).catch(() => undefined);
    // On the partner's page (the shop's showed the same transcript until the click took effect), out of the address bar.
    await expect.poll(async () => (await arrived())?.host, { message: 'on www.partner' }).toBe('www.partner.localhost');
    await expect.poll(async () => (await arrived())?.texts, { message: 'the transcript on www.partner' }).toEqual([text]);
    expect((await arrived())?.url).toBe(shopUrl('www.partner.localhost'));
    const more = unique('after the click');
    await tab.send(more);
    await expect.poll(async () => (await serverSession(session.id)).messages.map((message) => message.text)).toEqual([text, more]);
    await visitor.close();
  });

  test('a file sent from a tab that does not hold the connection is uploaded once by the one that does, and shown after a reload', async () => {
    const visitor = await engine().newVisitor();
    const owner = await visitor.newTab(shopUrl());
    const first = unique('first');
    const session = await startChat(owner, first);
    const follower = await visitor.newTab(shopUrl());
    await expect.poll(() => texts(follower)).toEqual([first]);
    expect(await isOwner(follower)).toBe(false);
    const text = unique('with a file');
    const sent = await follower.evaluate(
      (message) =>
        (document.querySelector('persistent-chat') as HTMLElement & { sendFile(file: File, options: { text: string }): Promise<{ delivery: string; attachments?: Array<{ state: string }> }> })
          .sendFile(new File(['%PDF-1.4\n'.padEnd(40_000, ' ')], 'cross-browser.pdf', { type: 'application/pdf' }), { text: message })
          .then((message) => ({ delivery: message.delivery, state: message.attachments?.[0]?.state })),
      text,
    );
    expect(sent).toEqual({ delivery: 'sent', state: 'sent' });
    const server = await serverSession(session.id);
    expect(server.files.map(({ name, state, uploads }) => ({ name, state, uploads }))).toEqual([{ name: 'cross-browser.pdf', state: 'sent', uploads: 1 }]);
    expect(server.messages.filter((message) => message.text === text)).toHaveLength(1);
    await follower.reload();
    const chips = () => follower.evaluate(() => [...(document.querySelector('persistent-chat')?.shadowRoot?.querySelectorAll('[part~="file-attachment"] .file-name') ?? [])].map((name) => name.textContent), undefined);
    await expect.poll(chips).toEqual(['cross-browser.pdf']);
    await visitor.close();
  });
});
