import { expect } from '@open-wc/testing';
import { decodeHandoff, encodeHandoff, handoffLifetimeMs, widgetOf, type Handoff } from '../../src/handoff/handoff-code.js';
import { HandoffReceipts, receiptsKey } from '../../src/handoff/handoff-receipts.js';
import { readLinkedSites } from '../../src/handoff/linked-sites.js';
import { isWelcome } from '../../src/hub/hub-protocol.js';
import { newSessionRecord } from '../../src/storage/session-record.js';

function handoff(overrides: Partial<Handoff> = {}): Handoff {
  return {
    widget: widgetOf('default', 'deployment-1'),
    expiresAt: Date.now() + handoffLifetimeMs,
    id: crypto.randomUUID(),
    record: { ...newSessionRecord('token-0123456789abcdef'), open: true, answeredAt: Date.now() - 5000 },
    ...overrides,
  };
}

describe('link hand-off code', () => {
  it('carries the session, the open panel and the widget, in characters a fragment holds as they are', () => {
    const original = handoff();
    const code = encodeHandoff(original);
    expect(code).to.match(/^h1~[0-9a-f]{8}~[0-9a-z]+~[A-Za-z0-9-]+~v1\.[A-Za-z0-9.-]+~[0-9a-f]{8}$/);
    expect(encodeURIComponent(code).replaceAll('~', '')).to.equal(code.replaceAll('~', ''));
    const decoded = decodeHandoff(code)!;
    expect(decoded.widget).to.equal(original.widget);
    expect(decoded.id).to.equal(original.id);
    expect(decoded.record.token).to.equal(original.record.token);
    expect(decoded.record.open).to.equal(true);
    // Whole seconds, rounded up: never earlier than given, at most a second later.
    expect(decoded.expiresAt - original.expiresAt).to.be.within(0, 999);
    expect(code.length).to.be.below(160);
  });

  it('names the widget by a hash of its name and deployment, which it does not reveal', () => {
    expect(widgetOf('default', 'deployment-1')).to.not.equal(widgetOf('other', 'deployment-1'));
    expect(widgetOf('default', 'deployment-1')).to.not.equal(widgetOf('default', 'deployment-2'));
    expect(encodeHandoff(handoff())).to.not.contain('deployment-1');
  });

  it('refuses a code cut short, edited by hand, of another version, or not a code at all', () => {
    const code = encodeHandoff(handoff());
    for (let cut = 1; cut < code.length; cut += 7) expect(decodeHandoff(code.slice(0, cut)), `cut at ${cut}`).to.equal(undefined);
    const edited = code.replace(/~v1\.token-0/, '~v1.token-1');
    expect(edited).to.not.equal(code);
    expect(decodeHandoff(edited)).to.equal(undefined);
    expect(decodeHandoff(code.replace(/^h1/, 'h2'))).to.equal(undefined);
    for (const junk of ['', '~', 'h1~~~~~', '<script>', 'a'.repeat(5000)]) expect(decodeHandoff(junk), junk.slice(0, 20)).to.equal(undefined);
  });
});

describe('linked-domains', () => {
  it('takes exact origins, separated by spaces or commas, and reports anything else', () => {
    const read = readLinkedSites('https://help.example.com, http://www.partner.localhost:8000  https://*.example.com https://shop.example.com/path ftp://x.example.com');
    expect(read.off).to.equal(false);
    expect(read.origins).to.deep.equal(['https://help.example.com', 'http://www.partner.localhost:8000']);
    expect(read.problems).to.have.length(3);
    expect(read.problems[0]).to.contain('"https://*.example.com"');
  });

  it('is off with "none", and empty (the hub\'s sites) when not given', () => {
    expect(readLinkedSites('none')).to.deep.equal({ off: true, origins: [], problems: [] });
    expect(readLinkedSites('')).to.deep.equal({ off: false, origins: [], problems: [] });
  });

  it('comes from the hub as its trusted origins, checked like the rest of its welcome', () => {
    const welcome = { storage: 'blocked', access: 'prompt', sameSite: false };
    expect(isWelcome({ ...welcome, sites: ['https://www.example.com'] })).to.equal(true);
    expect(isWelcome(welcome)).to.equal(true);
    expect(isWelcome({ ...welcome, sites: 'https://www.example.com' })).to.equal(false);
    expect(isWelcome({ ...welcome, sites: [42] })).to.equal(false);
    expect(isWelcome({ ...welcome, sites: Array.from({ length: 101 }, (_, i) => `https://s${i}.example.com`) })).to.equal(false);
  });
});

describe('hand-off receipts', () => {
  afterEach(() => localStorage.removeItem(receiptsKey));

  it('remember an accepted id until it expires, across the tabs of the origin, and then erase it', () => {
    const now = Date.now();
    new HandoffReceipts(true).add('id-1', now + 60_000, now);
    const elsewhere = new HandoffReceipts(true);
    expect(elsewhere.has('id-1', now)).to.equal(true);
    expect(elsewhere.has('id-2', now)).to.equal(false);
    expect(elsewhere.has('id-1', now + 60_001)).to.equal(false);
    expect(localStorage.getItem(receiptsKey)).to.equal(null);
  });

  it('stay in the page where nothing may be stored', () => {
    const receipts = new HandoffReceipts(false);
    receipts.add('id-1', Date.now() + 60_000);
    expect(receipts.has('id-1')).to.equal(true);
    expect(localStorage.getItem(receiptsKey)).to.equal(null);
    expect(new HandoffReceipts(false).has('id-1')).to.equal(false);
  });

  it('survive a damaged value and a refused write', () => {
    localStorage.setItem(receiptsKey, 'not json');
    const receipts = new HandoffReceipts(true);
    expect(receipts.has('id-1')).to.equal(false);
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    try {
      receipts.add('id-1', Date.now() + 60_000);
    } finally {
      Storage.prototype.setItem = setItem;
    }
    expect(receipts.has('id-1')).to.equal(true);
  });
});
