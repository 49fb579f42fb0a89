import { expect } from '@open-wc/testing';
import { clear, createStore, keys } from 'idb-keyval';
import type { SessionHooks } from '../../src/storage/adapters/hooks-adapter.js';
import { decodeSessionRecord, newSessionRecord, type ConversationCache } from '../../src/storage/session-record.js';
import { SessionStore, type SessionStoreOptions, type StorageStatus } from '../../src/storage/session-store.js';
import { cookiesAreRefused, indexedDbOpen, localStorageIsFull, localStorageThrowsSecurityError } from './helpers/break-storage.js';

function storeWith(options: Partial<SessionStoreOptions> = {}) {
  const statuses: StorageStatus[] = [];
  const warnings: string[] = [];
  const store = new SessionStore(
    {
      name: `t${Math.random().toString(36).slice(2, 8)}`,
      deploymentId: 'store-test',
      mode: 'auto',
      cookieDomain: 'auto',
      consent: 'granted',
      hostname: location.hostname,
      secure: false,
      // The widget's own limit: a busy machine can take a few hundred milliseconds to open IndexedDB.
      probeTimeoutMs: 1500,
      ...options,
    },
    { statusChanged: (status) => statuses.push(status), degraded: (message) => warnings.push(message) },
  );
  return { store, statuses, warnings };
}

const cache: ConversationCache = {
  messages: [{ id: 'm1', author: 'agent', text: 'Your order has shipped', time: '2026-01-01T10:00:00.000Z' }],
  outbox: [{ clientId: 'c1', text: 'Thanks!' }],
  draft: '',
};

const records = () => createStore('persistent-chat', 'records');

/** Counts `indexedDB.open` calls: opening creates the database, so even that is a write. */
function countIndexedDbOpens(): { readonly count: number; restore(): void } {
  const original = IDBFactory.prototype.open;
  let count = 0;
  IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
    count += 1;
    return original.apply(this, args);
  };
  return { get count() { return count; }, restore: () => (IDBFactory.prototype.open = original) };
}

async function clearEverything(): Promise<void> {
  for (const cookie of document.cookie.split(';')) {
    const name = cookie.split('=')[0]!.trim();
    if (name) document.cookie = `${name}=; Path=/; Max-Age=0`;
  }
  localStorage.clear();
  await clear(records());
}

describe('SessionStore', () => {
  let opens: ReturnType<typeof countIndexedDbOpens>;
  beforeEach(async () => {
    await clearEverything();
    opens = countIndexedDbOpens();
  });
  afterEach(async () => {
    opens.restore();
    await clearEverything();
  });

  it("keeps the visitor's noes across pages though no session exists (a new browser session erases conversations, not them)", async () => {
    const name = `flags${Math.random().toString(36).slice(2, 8)}`;
    const first = storeWith({ name }).store;
    await first.restore();
    await first.saveFlag('closedAutoOpen');
    for (let page = 2; page <= 3; page++) {
      const next = storeWith({ name }).store;
      await next.restore();
      expect([...(await next.readFlags())], `page ${page}`).to.deep.equal(['closedAutoOpen']);
    }
  });

  it('with persist="none", not even the noes are written', async () => {
    const { store } = storeWith({ mode: 'memory', persist: { kind: 'none' } });
    await store.restore();
    await store.saveFlag('declinedInvitation');
    expect(localStorage.length).to.equal(0);
  });

  it('writes nothing at all, not even a probe, for a visitor who never engaged', async () => {
    const { store } = storeWith();
    expect(await store.restore()).to.deep.equal({});
    expect(document.cookie).to.equal('');
    expect(localStorage.length).to.equal(0);
    expect(opens.count).to.equal(0);
  });

  it('keeps the record in one small cookie with a localStorage mirror, and the cache in IndexedDB', async () => {
    const { store, statuses } = storeWith();
    const token = crypto.randomUUID();
    await store.saveRecord(newSessionRecord(token));
    await store.saveCache(cache);
    const cookies = document.cookie.split('; ').filter((cookie) => cookie.startsWith('pchat_'));
    expect(cookies).to.have.length(1);
    expect(cookies[0]!.length).to.be.below(200);
    expect(decodeSessionRecord(decodeURIComponent(cookies[0]!.split('=')[1]!))?.token).to.equal(token);
    expect([...Object.keys(localStorage)].some((key) => key.endsWith(':session'))).to.equal(true);
    // Host-only on localhost, but the localStorage mirror outlives the browser.
    expect(statuses.at(-1)).to.deep.equal({ adapter: 'cookie', scope: 'persistent', cacheAdapter: 'indexeddb' });
    expect(store.status.cacheAdapter).to.equal('indexeddb');
  });

  it('never puts message text into a cookie', async () => {
    const { store } = storeWith();
    await store.saveRecord(newSessionRecord(crypto.randomUUID()));
    await store.saveCache(cache);
    expect(document.cookie).to.not.contain('shipped');
    expect(document.cookie).to.not.contain('Thanks');
  });

  it('restores the record and the cache that an earlier page left', async () => {
    const token = crypto.randomUUID();
    const first = storeWith({ name: 'restore' });
    await first.store.saveRecord({ ...newSessionRecord(token), open: true, unread: 2 });
    await first.store.saveCache(cache);
    const second = storeWith({ name: 'restore' });
    const restored = await second.store.restore();
    expect(restored.record).to.include({ token, open: true, unread: 2 });
    expect(restored.cache).to.deep.equal(cache);
  });

  it('discards a stored record it cannot read, with a warning, and does not crash', async () => {
    const first = storeWith({ name: 'corrupt', mode: 'local' });
    await first.store.saveRecord(newSessionRecord(crypto.randomUUID()));
    const key = Object.keys(localStorage).find((each) => each.endsWith(':session'))!;
    localStorage.setItem(key, '{"garbage": true');
    const second = storeWith({ name: 'corrupt', mode: 'local' });
    expect(await second.store.restore()).to.deep.equal({});
    expect(second.warnings[0]).to.contain('could not be read');
  });

  it('keeps everything in memory while consent is pending, and moves it over once granted', async () => {
    const token = crypto.randomUUID();
    const { store } = storeWith({ consent: 'pending', name: 'consent' });
    await store.saveRecord(newSessionRecord(token));
    await store.saveCache(cache);
    expect([document.cookie, localStorage.length, opens.count]).to.deep.equal(['', 0, 0]);
    await store.setConsent('granted');
    const later = storeWith({ name: 'consent' });
    const restored = await later.store.restore();
    expect(restored.record?.token).to.equal(token);
    expect(restored.cache).to.deep.equal(cache);
  });

  it('writes nothing when consent is denied, and deletes what an earlier page stored', async () => {
    const earlier = storeWith({ name: 'denied' });
    await earlier.store.saveRecord(newSessionRecord(crypto.randomUUID()));
    await earlier.store.saveCache(cache);
    // The tabs' record of which tab the visitor used last goes too.
    localStorage.setItem('persistent-chat:denied:store-test:focus', 'a-tab-id');
    const { store } = storeWith({ name: 'denied', consent: 'denied' });
    expect(await store.restore()).to.deep.equal({});
    await store.saveRecord(newSessionRecord(crypto.randomUUID()));
    await store.saveCache(cache);
    expect(document.cookie).to.equal('');
    expect(localStorage.length).to.equal(0);
    expect(await keys(records())).to.deep.equal([]);
    expect(store.status).to.deep.equal({ adapter: 'memory', scope: 'memory', cacheAdapter: 'memory' });
  });

  describe('when a store breaks', () => {
    let repair: (() => void) | undefined;
    afterEach(() => repair?.());

    it('works without localStorage when reading it throws SecurityError', async () => {
      repair = localStorageThrowsSecurityError();
      const { store, warnings } = storeWith({ mode: 'local' });
      await store.saveRecord(newSessionRecord(crypto.randomUUID()));
      expect(store.status.adapter).to.equal('memory');
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.contain('SecurityError');
    });

    it('moves on when localStorage is full', async () => {
      repair = localStorageIsFull();
      const { store, warnings } = storeWith({ mode: 'local' });
      await store.saveRecord(newSessionRecord(crypto.randomUUID()));
      expect(store.status.adapter).to.equal('memory');
      expect(warnings[0]).to.contain('quota');
    });

    it('gives up on an IndexedDB that never answers within the time limit, and uses localStorage', async () => {
      repair = indexedDbOpen('hangs');
      const { store, warnings } = storeWith({ probeTimeoutMs: 300 });
      await store.saveRecord(newSessionRecord(crypto.randomUUID()));
      await store.saveCache(cache);
      expect(store.status.cacheAdapter).to.equal('local');
      expect(warnings.some((warning) => warning.includes('no answer within 300 ms'))).to.equal(true);
    });

    it('uses localStorage when IndexedDB fails to open', async () => {
      repair = indexedDbOpen('fails');
      const { store } = storeWith();
      await store.saveRecord(newSessionRecord(crypto.randomUUID()));
      await store.saveCache(cache);
      expect(store.status.cacheAdapter).to.equal('local');
    });

    it('keeps the session in localStorage when the browser silently refuses cookies', async () => {
      repair = cookiesAreRefused();
      const { store, warnings, statuses } = storeWith();
      await store.saveRecord(newSessionRecord(crypto.randomUUID()));
      expect(statuses.at(-1)).to.include({ adapter: 'local', scope: 'persistent' });
      expect(warnings.some((warning) => warning.includes('cookie'))).to.equal(true);
    });

    it('reports hooks that throw and keeps going in memory', async () => {
      const hooks: SessionHooks = { load: () => ({}), save: () => { throw new Error('the site API is down'); } };
      const { store, warnings } = storeWith({ mode: 'hooks', hooks });
      await store.saveRecord(newSessionRecord(crypto.randomUUID()));
      expect(store.status.adapter).to.equal('memory');
      expect(warnings[0]).to.contain('the site API is down');
    });
  });
});
