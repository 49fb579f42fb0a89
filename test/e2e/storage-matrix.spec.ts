import { expect, test } from '@playwright/test';
import { adminCall, sessionHolding, shopUrl } from './engines/emulator-admin.js';
import { inEveryEngine, type Tab, type Visitor } from './engines/engines.js';

/*
 * What the widget leaves on the device, store by store, for each `persist` and `consent`,
 * after each thing that happens to a conversation: a reload, a page on another sub-domain, a
 * browser restart (the browser closed and started again on its profile), "End chat", the
 * agent ending it (then "Erase"), and consent revoked. On the shop's /orders/ pages, whose
 * hub is on the shop's own site (so it works in every browser): the hub is a column too.
 */

const www = () => shopUrl('www.shop.localhost', '/orders/');
const help = () => shopUrl('help.shop.localhost', '/orders/');
const hubPage = () => shopUrl('chat.shop.localhost', '/hub.html');

/** What one origin holds of the /orders/ widget: cookie kinds, localStorage and sessionStorage key kinds, and whether IndexedDB holds `text`. */
interface Held {
  cookies: string[];
  local: string[];
  session: string[];
  indexedDb: boolean;
}

const nothing: Held = { cookies: [], local: [], session: [], indexedDb: false };

/**
 * `focusMayStay`: where the widget may store, its tabs' focus record (which tab alerts the
 * visitor, written on focus, which headless browsers give or not) is left out; where it may
 * not, it counts like anything else.
 */
function held(tab: Tab, text: string, focusMayStay = false): Promise<Held> {
  return tab.evaluate(async ({ said, ignoreFocus }) => {
    const kind = (value: string) => (value.startsWith('v1e.') ? 'ended' : value === 'v1h' ? 'held-by-hub' : value.startsWith('v1.') ? 'record' : value === '1' ? 'stamp' : `other:${value}`);
    const cookies = document.cookie
      .split('; ')
      .filter((pair) => pair.startsWith('pchat_'))
      .map((pair) => kind(decodeURIComponent(pair.slice(pair.indexOf('=') + 1))))
      .sort();
    const ours = (store: Storage) =>
      Object.keys(store)
        .filter((key) => key.startsWith('persistent-chat:orders:'))
        .map((key) => key.slice(key.lastIndexOf(':') + 1))
        // The tabs' focus record (which tab alerts the visitor) is written on focus, which headless browsers give or not.
        .filter((kind) => kind !== 'focus' || !ignoreFocus)
        .sort();
    let indexedDb = false;
    // Opened only if it exists: opening would create it.
    if ((await indexedDB.databases()).some((database) => database.name === 'persistent-chat')) {
      indexedDb = await new Promise<boolean>((resolve) => {
        const opening = indexedDB.open('persistent-chat');
        opening.onerror = () => resolve(false);
        opening.onsuccess = () => {
          const db = opening.result;
          if (!db.objectStoreNames.contains('records')) return resolve(false);
          const all = db.transaction('records').objectStore('records').getAll();
          all.onsuccess = () => resolve(JSON.stringify(all.result).includes(said));
          all.onerror = () => resolve(false);
        };
      });
    }
    return { cookies, local: ours(localStorage), session: ours(sessionStorage), indexedDb };
  }, { said: text, ignoreFocus: focusMayStay });
}

/** What the hub holds for the /orders/ widget: read on the hub's own page (which first erases what can no longer be read). */
async function hubHolds(visitor: Visitor): Promise<{ local: string[]; cookies: number }> {
  const tab = await visitor.newTab(hubPage());
  const holds = await tab.evaluate(
    () => ({
      local: Object.keys(localStorage)
        .filter((key) => key.startsWith('hub|persistent-chat:orders:'))
        .map((key) => key.slice(key.lastIndexOf(':') + 1)),
      cookies: document.cookie.split('; ').filter((pair) => pair.startsWith('pchat_hub_') && !pair.startsWith('pchat_hub_session')).length,
    }),
    undefined,
  );
  await tab.close();
  return holds;
}
const hubEmpty = { local: [], cookies: 0 };
const hubWithRecord = { local: ['session'], cookies: 1 };

function bubbles(tab: Tab): Promise<string[]> {
  return tab.evaluate(() => [...(document.querySelector('persistent-chat')?.shadowRoot?.querySelectorAll('.bubble') ?? [])].map((bubble) => bubble.textContent?.trim() ?? ''), undefined);
}

/** Clicks a button of the widget's own, by its part name (`end-button`, `erase-button`…). */
function clickPart(tab: Tab, part: string): Promise<void> {
  return tab.evaluate((name) => (document.querySelector('persistent-chat')?.shadowRoot?.querySelector(`[part~="${name}"]`) as HTMLElement | null)?.click(), part);
}

async function endChat(tab: Tab): Promise<void> {
  await clickPart(tab, 'end-button');
  await tab.evaluate(() => (document.querySelector('persistent-chat')?.shadowRoot?.querySelector('[part~="end-confirmation"] button.danger') as HTMLElement | null)?.click(), undefined);
}

/** Opens the chat (if closed), says `text`, and waits for the emulator to have it. */
async function chatIn(tab: Tab, text: string): Promise<string> {
  const open = await tab.evaluate(() => document.querySelector('persistent-chat')?.hasAttribute('open') ?? false, undefined);
  if (!open) await tab.clickLauncher();
  await tab.send(text);
  return (await sessionHolding(text)).id;
}

const unique = (prefix: string) => `${prefix} ${crypto.randomUUID().slice(0, 8)}`;

inEveryEngine((engine) => {
  // Each test walks its cells one after another, browser restarts included.
  test.describe.configure({ timeout: 240_000 });

  test('persist=session or days:7, consent granted: stores, by event', async () => {
    for (const persist of ['session', 'days:7'] as const) {
      const visitor = await engine().newVisitor({ attributes: { persist }, restartable: true });
      const cell = (event: string) => `persist=${persist}, ${event}`;
      try {
        let tab = await visitor.newTab(www());
        const said = unique('Kept as persist says');
        await chatIn(tab, said);
        // The cookie every sub-domain reads says only that the site's hub holds a conversation; with
        // persist=session a host-only session cookie (`1`) says this browser session wrote here.
        const stamp = persist === 'session' ? ['stamp'] : [];
        const kept: Held = { cookies: ['held-by-hub', ...stamp], local: ['session'], session: [], indexedDb: true };
        await expect.poll(() => held(tab, said, true), { message: cell('while chatting') }).toEqual(kept);
        expect(await hubHolds(visitor), cell('while chatting: hub')).toEqual(hubWithRecord);

        await tab.reload();
        await expect.poll(() => bubbles(tab), { message: cell('reload') }).toEqual([said]);
        expect(await held(tab, said, true), cell('reload')).toEqual(kept);

        const other = await visitor.newTab(help());
        await expect.poll(() => bubbles(other), { message: cell('other sub-domain') }).toEqual([said]);
        // The sub-domain keeps the session record in its own origin's storage; the transcript is kept by the tab that holds the connection (www here).
        const following: Omit<Held, 'indexedDb'> = { cookies: ['held-by-hub', ...stamp], local: ['session'], session: [] };
        await expect.poll(() => held(other, said, true), { message: cell('other sub-domain') }).toMatchObject(following);

        await visitor.restart();
        tab = await visitor.newTab(www());
        if (persist === 'days:7') {
          await expect.poll(() => bubbles(tab), { message: cell('restart') }).toEqual([said]);
          expect(await held(tab, said, true), cell('restart')).toEqual(kept);
          expect(await hubHolds(visitor), cell('restart: hub')).toEqual(hubWithRecord);
        } else {
          await expect.poll(() => held(tab, said, true), { message: cell('restart') }).toEqual(nothing);
          expect(await bubbles(tab), cell('restart')).toEqual([]);
          expect(await hubHolds(visitor), cell('restart: hub')).toEqual(hubEmpty);
        }

        // End chat on www: every store here and the hub are erased; help.shop erases its copy on its next load.
        const ended = unique('Ended by the visitor');
        await chatIn(tab, ended);
        const helpTab = await visitor.newTab(help());
        // Within its days, the restart kept the conversation, which goes on.
        await expect.poll(() => bubbles(helpTab), { message: cell('help before End chat') }).toEqual(persist === 'days:7' ? [said, ended] : [ended]);
        await expect.poll(() => held(helpTab, ended, true), { message: cell('help before End chat') }).toMatchObject(following);
        await endChat(tab);
        const erased: Held = { ...nothing, cookies: ['ended', ...stamp] };
        await expect.poll(() => held(tab, ended, true), { message: cell('End chat') }).toEqual(erased);
        expect(await hubHolds(visitor), cell('End chat: hub')).toEqual(hubEmpty);
        await helpTab.reload();
        await expect.poll(() => held(helpTab, ended, true), { message: cell('End chat, other sub-domain') }).toEqual(erased);
        expect(await bubbles(helpTab)).toEqual([]);

        // The agent ends the chat: it stays readable here until the visitor erases it.
        await tab.reload();
        const agentEnded = unique('Ended by the agent');
        const id = await chatIn(tab, agentEnded);
        await expect.poll(() => held(tab, agentEnded, true), { message: cell('before agent end') }).toMatchObject({ indexedDb: true });
        await adminCall(`sessions/${id}/disconnect`, { readOnly: true });
        await expect.poll(() => tab.evaluate(() => !!document.querySelector('persistent-chat')?.shadowRoot?.querySelector('[part~="erase-button"]'), undefined)).toBe(true);
        expect(await bubbles(tab), cell('agent end')).toContain(agentEnded);
        await clickPart(tab, 'erase-button');
        await expect.poll(() => held(tab, agentEnded, true), { message: cell('agent end, Erase') }).toEqual(erased);
        expect(await hubHolds(visitor), cell('agent end, Erase: hub')).toEqual(hubEmpty);

        // Consent revoked: everything of the widget on this origin goes, the hub's copy too.
        await tab.reload();
        const revoked = unique('Before consent was revoked');
        await chatIn(tab, revoked);
        await expect.poll(() => held(tab, revoked), { message: cell('before consent revoked') }).toMatchObject({ indexedDb: true });
        await tab.evaluate(() => document.querySelector('persistent-chat')?.setAttribute('consent', 'denied'), undefined);
        await expect.poll(() => held(tab, revoked), { message: cell('consent revoked') }).toEqual(nothing);
        expect(await hubHolds(visitor), cell('consent revoked: hub')).toEqual(hubEmpty);
      } finally {
        await visitor.close();
      }
    }
  });

  test('persist=none, or consent pending or denied: nothing is stored anywhere, whatever happens', async () => {
    const cases = [
      { persist: 'none', consent: 'granted' },
      { persist: 'session', consent: 'pending' },
      { persist: 'days:7', consent: 'pending' },
      { persist: 'session', consent: 'denied' },
      { persist: 'days:7', consent: 'denied' },
    ] as const;
    for (const attributes of cases) {
      const visitor = await engine().newVisitor({ attributes, restartable: true });
      const cell = (event: string) => `persist=${attributes.persist}, consent=${attributes.consent}, ${event}`;
      const expectNothing = async (tab: Tab, said: string, event: string) => {
        expect(await held(tab, said), cell(event)).toEqual(nothing);
        expect(await hubHolds(visitor), cell(`${event}: hub`)).toEqual(hubEmpty);
      };
      try {
        let tab = await visitor.newTab(www());
        const said = unique('Not to be kept');
        await chatIn(tab, said);
        await expectNothing(tab, said, 'while chatting');
        await tab.reload();
        // Kept in memory only: a reload starts afresh.
        await expect.poll(() => tab.evaluate(() => document.querySelector('persistent-chat')?.hasAttribute('ready') ?? false, undefined)).toBe(true);
        expect(await bubbles(tab), cell('reload')).toEqual([]);
        await expectNothing(tab, said, 'reload');
        await expectNothing(await visitor.newTab(help()), said, 'other sub-domain');
        await visitor.restart();
        tab = await visitor.newTab(www());
        await expectNothing(tab, said, 'restart');
        const ended = unique('Ended, not kept');
        await chatIn(tab, ended);
        await endChat(tab);
        await expect.poll(() => tab.evaluate(() => !!document.querySelector('persistent-chat')?.shadowRoot?.querySelector('[part~="ended"]'), undefined)).toBe(true);
        await expectNothing(tab, ended, 'End chat');
        await tab.reload();
        const revoked = unique('Consent revoked, not kept');
        await chatIn(tab, revoked);
        await tab.evaluate(() => document.querySelector('persistent-chat')?.setAttribute('consent', 'denied'), undefined);
        await expectNothing(tab, revoked, 'consent revoked');
      } finally {
        await visitor.close();
      }
    }
  });
});
