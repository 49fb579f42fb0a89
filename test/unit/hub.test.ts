import { expect, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { PersistentChat } from '../../src/components/persistent-chat/persistent-chat.js';
import type { ChatThirdPartyDetail } from '../../src/events/chat-events.js';
import { HubClient, HubError } from '../../src/hub/hub-client.js';
import { hubTag, isHubToWidget, isWidgetToHub } from '../../src/hub/hub-protocol.js';
import { shouldAdoptHubRecord } from '../../src/hub/hub-reconcile.js';
import { readTrustedOrigins } from '../../src/hub/page/hub.js';
import { HubStorage, localKey } from '../../src/hub/page/hub-storage.js';
import type { CookieJar } from '../../src/storage/adapters/cookie-domain.js';
import { IframeAdapter } from '../../src/hub/iframe-adapter.js';
import { StorageError } from '../../src/storage/storage-adapter.js';
import { newSessionRecord } from '../../src/storage/session-record.js';
import { SessionStore } from '../../src/storage/session-store.js';
import { socketUrlFor, uniqueDeploymentId } from './helpers/emulator.js';

/** The hub on 127.0.0.1, another site than the test page (localhost): a third-party frame. */
const thirdPartyHub = (trust: 'trusting-page' | 'trusting-nobody') => new URL(`http://127.0.0.1:${location.port}/hub/${trust}/hub.html`);
const inFirefox = navigator.userAgent.includes('Firefox');

describe('storage hub in a third-party frame', () => {
  it('answers the handshake and reports that this browser does not share its storage across sites', async () => {
    const client = new HubClient(thirdPartyHub('trusting-page'), document.body);
    try {
      const welcome = await client.ready();
      expect(welcome.sameSite).to.equal(false);
      expect(welcome.storage).to.not.equal('unpartitioned');
      // Firefox keeps third-party storage, apart for each top-level site (Total Cookie Protection).
      if (inFirefox) expect(welcome.storage).to.equal('partitioned');
    } finally {
      client.dispose();
    }
  });

  it('the iframe adapter refuses such a hub, so the store falls back to first-party storage', async () => {
    const client = new HubClient(thirdPartyHub('trusting-page'), document.body);
    try {
      const error = await new IframeAdapter(client).probe().then(() => undefined, (thrown: unknown) => thrown);
      expect(error).to.be.instanceOf(StorageError);
      expect((error as StorageError).message).to.contain('cannot share the session across sites');
    } finally {
      client.dispose();
    }
  });

  it('a hub that does not trust the page never answers, and the handshake gives up in time', async () => {
    const client = new HubClient(thirdPartyHub('trusting-nobody'), document.body, { handshakeMs: 800 });
    const error = await client.ready().then(() => undefined, (thrown: unknown) => thrown);
    client.dispose();
    expect(error).to.be.instanceOf(HubError);
    expect((error as HubError).kind).to.equal('timeout');
  });

  it('the element asks the hub only once the visitor engages, reports it with chat-third-party, and keeps working', async () => {
    const element = document.createElement('persistent-chat') as PersistentChat;
    const reports: ChatThirdPartyDetail[] = [];
    element.addEventListener('chat-third-party', (event) => reports.push(event.detail));
    const deploymentId = uniqueDeploymentId();
    element.setAttribute('deployment-id', deploymentId);
    element.setAttribute('endpoint', socketUrlFor(deploymentId));
    element.setAttribute('iframe-url', thirdPartyHub('trusting-page').href);
    document.body.append(element);
    try {
      await element.whenReady();
      expect(element.ready).to.equal(true);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(reports, 'nothing asked before the visitor engages').to.deep.equal([]);
      expect(element.shadowRoot!.querySelector('iframe')).to.equal(null);
      element.open();
      await waitUntil(() => reports.length > 0, 'chat-third-party never fired', { timeout: 5000 });
      expect(reports[0]!.available).to.equal(false);
      if (inFirefox) expect(reports[0]!.storage).to.equal('partitioned');
    } finally {
      element.remove();
    }
  });
});

describe('storage="iframe" with a hub on the page’s own site', () => {
  it('keeps the session record in the hub and in this site’s localStorage, and reads it back from the hub', async () => {
    // Same origin as the test page, so never partitioned: the hub's storage is the page's own.
    const hub = new HubClient(new URL(`http://localhost:${location.port}/hub/trusting-page/hub.html`), document.body);
    const name = `hub${Math.random().toString(36).slice(2, 8)}`;
    const options = { name, deploymentId: 'hub-store', mode: 'iframe' as const, cookieDomain: 'none', consent: 'granted' as const, hostname: location.hostname, secure: false };
    const storeWithHub = () => {
      const store = new SessionStore(options, { statusChanged: () => {}, degraded: () => {} });
      store.useHub(Promise.resolve(new IframeAdapter(hub)));
      return store;
    };
    try {
      expect((await hub.ready()).storage).to.equal('unpartitioned');
      const store = storeWithHub();
      const record = { ...newSessionRecord('hub-token-0001'), answeredAt: 1_800_000_000_000 };
      await store.saveRecord(record);
      const key = `persistent-chat:${name}:hub-store:session`;
      expect(await hub.request({ op: 'get', key })).to.match(/^v1\.hub-token-0001\./);
      expect(localStorage.getItem(key)).to.match(/^v1\.hub-token-0001\./);

      localStorage.removeItem(key);
      const another = storeWithHub();
      expect(await another.restore()).to.deep.equal({});
      expect((await another.readHubRecord())?.token).to.equal('hub-token-0001');
      await another.clear();
      expect(await hub.request({ op: 'get', key })).to.equal(undefined);
    } finally {
      hub.dispose();
    }
  });
});

/** A cookie jar of the test's own; a new one is what the hub finds after a browser restart (no session cookies). */
function cookieJar(): CookieJar {
  const cookies = new Map<string, string>();
  return {
    read: () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    write: (cookie) => {
      const [pair = '', ...attributes] = cookie.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (attributes.some((attribute) => attribute.trim() === 'Max-Age=0')) cookies.delete(name);
      else cookies.set(name, value);
    },
  };
}

describe('what the hub keeps, and for how long', () => {
  const key = `persistent-chat:kept:${Math.random().toString(36).slice(2, 8)}:session`;
  // Longer than the hub puts in a cookie: kept in its localStorage only.
  const value = `v1.${'t'.repeat(300)}.0.0`;
  afterEach(() => localStorage.removeItem(localKey(key)));

  it('without days, only until the browser session ends: a restart finds nothing, and the copy is erased', () => {
    const jar = cookieJar();
    new HubStorage(jar).set(key, value);
    expect(new HubStorage(jar).get(key)).to.equal(value);
    expect(new HubStorage(cookieJar()).get(key)).to.equal(undefined);
    expect(localStorage.getItem(localKey(key))).to.equal(null);
  });

  it('with days, across a restart until they have passed', () => {
    new HubStorage(cookieJar()).set(key, value, 3);
    expect(new HubStorage(cookieJar()).get(key)).to.equal(value);
    const kept = JSON.parse(localStorage.getItem(localKey(key))!) as { until: number };
    expect(kept.until - Date.now()).to.be.within(3 * 86_400_000 - 60_000, 3 * 86_400_000);
    localStorage.setItem(localKey(key), JSON.stringify({ ...kept, until: Date.now() - 1 }));
    expect(new HubStorage(cookieJar()).get(key)).to.equal(undefined);
    expect(localStorage.getItem(localKey(key))).to.equal(null);
  });

  it('a value left by an earlier version, with no lifetime, is erased rather than read', () => {
    localStorage.setItem(localKey(key), value);
    expect(new HubStorage(cookieJar()).get(key)).to.equal(undefined);
    expect(localStorage.getItem(localKey(key))).to.equal(null);
  });

  it('the widget may ask for at most 400 days, in whole days', () => {
    const nonce = 'nonce-0123456789abcdef';
    const set = (days: unknown) => isWidgetToHub({ tag: hubTag, type: 'request', nonce, id: 1, op: 'set', key, value: 'v', days });
    expect([set(undefined), set(1), set(400)]).to.deep.equal([true, true, true]);
    expect([set(0), set(401), set(1.5), set('3'), set(-1)]).to.deep.equal([false, false, false, false, false]);
  });
});

function cyclic(): unknown {
  const value: Record<string, unknown> = {};
  value.self = value;
  return value;
}

describe('hub messages', () => {
  const nonce = 'a-nonce-0123456789abcdef';

  it('the hub accepts only well-formed requests for keys in the widget namespace', () => {
    expect(isWidgetToHub({ tag: hubTag, type: 'hello', nonce })).to.equal(true);
    expect(isWidgetToHub({ tag: hubTag, type: 'request', nonce, id: 1, op: 'get', key: 'persistent-chat:a' })).to.equal(true);
    expect(isWidgetToHub({ tag: hubTag, type: 'request', nonce, id: 1, op: 'broadcast', name: 'tabs', data: { type: 'hello' } })).to.equal(true);
    const refused: unknown[] = [
      null,
      'hello',
      { type: 'hello', nonce },
      { tag: hubTag, type: 'hello', nonce: 'short' },
      { tag: hubTag, type: 'hello', nonce: `${nonce}<script>` },
      { tag: hubTag, type: 'request', nonce, id: 1, op: 'get', key: 'another-app:token' },
      { tag: hubTag, type: 'request', nonce, id: 1, op: 'get', key: `persistent-chat:${'x'.repeat(300)}` },
      { tag: hubTag, type: 'request', nonce, id: 1, op: 'set', key: 'persistent-chat:a', value: 'x'.repeat(3000) },
      { tag: hubTag, type: 'request', nonce, id: 1, op: 'set', key: 'persistent-chat:a', value: 42 },
      { tag: hubTag, type: 'request', nonce, id: 1.5, op: 'get', key: 'persistent-chat:a' },
      { tag: hubTag, type: 'request', nonce, id: 1, op: 'clear' },
      { tag: hubTag, type: 'request', nonce, id: 1, op: 'lock', name: 'x', mode: 'break' },
      // A broadcast is size-limited (it was not), and must be measurable.
      { tag: hubTag, type: 'request', nonce, id: 1, op: 'broadcast', name: 'tabs', data: 'x'.repeat(70_000) },
      { tag: hubTag, type: 'request', nonce, id: 1, op: 'broadcast', name: 'tabs', data: cyclic() },
    ];
    for (const [index, message] of refused.entries()) expect(isWidgetToHub(message), `refused message ${index}`).to.equal(false);
  });

  it('the widget accepts only well-formed answers', () => {
    expect(isHubToWidget({ tag: hubTag, type: 'welcome', nonce, storage: 'blocked', access: 'prompt', sameSite: false })).to.equal(true);
    expect(isHubToWidget({ tag: hubTag, type: 'welcome', nonce, storage: 'everywhere', access: 'prompt', sameSite: false })).to.equal(false);
    expect(isHubToWidget({ tag: hubTag, type: 'reply', nonce, id: 3, ok: true, value: { html: '<b>' } })).to.equal(false);
    expect(isHubToWidget({ tag: hubTag, type: 'event', nonce, event: 'lock-won' })).to.equal(false);
    expect(isHubToWidget({ tag: hubTag, type: 'event', nonce, event: 'access', granted: 'yes' })).to.equal(false);
  });
});

describe('trusted origins', () => {
  it('keeps exact origins and leaves out everything that could widen the list', () => {
    const { trusted, rejected } = readTrustedOrigins(
      JSON.stringify(['https://www.domain-a.com', 'http://localhost:8000', '*', 'https://www.domain-b.com/', 'https://*.domain-c.com', 'domain-d.com', 'null', 'https://user@domain-e.com', 42]),
    );
    expect([...trusted]).to.deep.equal(['https://www.domain-a.com', 'http://localhost:8000']);
    expect(rejected).to.have.length(7);
  });

  it('refuses a wildcard in any form, and warns about plain http outside localhost', () => {
    const { trusted, rejected, warnings } = readTrustedOrigins(JSON.stringify(['https://*.domain-a.com', 'https://www.domain-a.com*', 'http://www.domain-b.com', 'http://help.shop.localhost:8000']));
    expect([...trusted]).to.deep.equal(['http://www.domain-b.com', 'http://help.shop.localhost:8000']);
    expect(rejected).to.deep.equal(['https://*.domain-a.com', 'https://www.domain-a.com*']);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('http://www.domain-b.com');
  });

  it('trusts nobody when the list is not a JSON array', () => {
    expect([...readTrustedOrigins('https://www.domain-a.com').trusted]).to.deep.equal([]);
    expect([...readTrustedOrigins('{"origin":"https://www.domain-a.com"}').trusted]).to.deep.equal([]);
  });
});

describe('choosing between this site’s session and the hub’s', () => {
  const at = (token: string, answeredAt?: number, expiresAt?: number) => ({ ...newSessionRecord(token), ...(answeredAt ? { answeredAt } : {}), ...(expiresAt ? { expiresAt } : {}) });
  const now = 1_800_000_000_000;

  it('takes the hub’s session when this page has none, or one without a conversation, or an older conversation', () => {
    expect(shouldAdoptHubRecord(at('hub-token-1', now - 1000), undefined, false, now)).to.equal(true);
    expect(shouldAdoptHubRecord(at('hub-token-1', now - 1000), at('site-token-1', now - 60_000), true, now)).to.equal(true);
    // A session this page started, that holds nothing yet: the visitor's conversation is the hub's.
    expect(shouldAdoptHubRecord(at('hub-token-1', now - 60_000), at('site-token-1', now - 1000), false, now)).to.equal(true);
    expect(shouldAdoptHubRecord(at('hub-token-1', now - 1000), at('site-token-1'), false, now)).to.equal(true);
  });

  it('keeps this page’s conversation when it is the same, or answered more recently, and ignores an expired hub session', () => {
    expect(shouldAdoptHubRecord(at('same-token-1', now), at('same-token-1', now - 5000), true, now)).to.equal(false);
    expect(shouldAdoptHubRecord(at('hub-token-1', now - 60_000), at('site-token-1', now - 1000), true, now)).to.equal(false);
    expect(shouldAdoptHubRecord(at('hub-token-1', now - 1000), at('site-token-1'), true, now)).to.equal(false);
    expect(shouldAdoptHubRecord(at('hub-token-1', now - 1000, now - 1), undefined, false, now)).to.equal(false);
  });

  it('gives a tie (times are kept to the second) to this page, or to a conversation brought by a link when asked to', () => {
    expect(shouldAdoptHubRecord(at('hub-token-1', now - 1000), at('site-token-1', now - 1000), true, now)).to.equal(false);
    expect(shouldAdoptHubRecord(at('link-token-1', now - 1000), at('site-token-1', now - 1000), true, now, 'incoming')).to.equal(true);
    expect(shouldAdoptHubRecord(at('link-token-1', now - 2000), at('site-token-1', now - 1000), true, now, 'incoming')).to.equal(false);
  });
});
