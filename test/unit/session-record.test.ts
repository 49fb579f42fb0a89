import { expect } from '@open-wc/testing';
import { decodeCache, decodeSessionRecord, encodeCache, encodeSessionRecord, newSessionRecord } from '../../src/storage/session-record.js';

describe('session record', () => {
  const token = crypto.randomUUID();

  it('round-trips every field', () => {
    const record = { token, open: true, unread: 3, expiresAt: 1_790_000_000_000, answeredAt: 1_780_000_000_000, declinedInvitation: true, closedAutoOpen: false };
    expect(decodeSessionRecord(encodeSessionRecord(record))).to.deep.equal(record);
  });

  it('keeps the fingerprint of the attributes last sent, and refuses one that is not a fingerprint', () => {
    const record = { ...newSessionRecord(token), sentAttributes: '1a2b3c4d-123' };
    expect(decodeSessionRecord(encodeSessionRecord(record))).to.deep.equal(record);
    expect(decodeSessionRecord(`v1.${token}.0.0...<script>`)).to.equal(undefined);
  });

  it('fits a cookie with room to spare, using no characters that need escaping', () => {
    const encoded = encodeSessionRecord({ ...newSessionRecord(token), unread: 999, expiresAt: Date.now(), answeredAt: Date.now(), sentAttributes: 'ffffffff-999999' });
    expect(encoded.length).to.be.below(100);
    expect(encodeURIComponent(encoded)).to.equal(encoded);
  });

  for (const [label, value] of [
    ['another version', `v9.${token}.0.0..`],
    ['a token with odd characters', 'v1.<script>.0.0..'],
    ['a negative unread count', `v1.${token}.0.-1..`],
    ['extra fields', `v1.${token}.0.0...1a-2.x`],
    ['nothing', ''],
  ] as const) {
    it(`refuses ${label}`, () => {
      expect(decodeSessionRecord(value)).to.equal(undefined);
    });
  }
});

describe('conversation cache', () => {
  it('round-trips messages, outbox and draft', () => {
    const cache = {
      messages: [{ id: 'm1', author: 'agent' as const, text: 'Hello', time: '2026-01-01T10:00:00.000Z', senderName: 'Sam' }],
      outbox: [{ clientId: 'c1', text: 'pending' }],
      draft: 'half-typed',
    };
    expect(decodeCache(encodeCache(cache))).to.deep.equal(cache);
  });

  it('drops stored messages that are not messages, and avatars that are not http(s)', () => {
    const raw = JSON.stringify({
      v: 1,
      messages: [
        { id: 'ok', author: 'agent', text: 'fine', time: '2026-01-01T10:00:00Z' },
        { id: 'bad-author', author: 'admin', text: 'x', time: '2026-01-01T10:00:00Z' },
        { id: 'bad-avatar', author: 'agent', text: 'x', time: '2026-01-01T10:00:00Z', avatarUrl: 'javascript:alert(1)' },
        'not even an object',
      ],
      outbox: [{ clientId: 1 }],
      draft: 42,
    });
    const cache = decodeCache(raw);
    expect(cache?.messages.map((message) => message.id)).to.deep.equal(['ok']);
    expect(cache?.outbox).to.deep.equal([]);
    expect(cache?.draft).to.equal('');
  });

  it('reads nothing from malformed JSON or another version', () => {
    expect(decodeCache('{not json')).to.equal(undefined);
    expect(decodeCache(JSON.stringify({ v: 2, messages: [] }))).to.equal(undefined);
  });
});
