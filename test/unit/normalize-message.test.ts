import { expect } from '@open-wc/testing';
import { normalizeStructuredMessage } from '../../src/conversation/normalize-message.js';

describe('normalizeStructuredMessage', () => {
  it('reads an agent message with its nickname, avatar and time', () => {
    const [event] = normalizeStructuredMessage({
      id: 'm1',
      type: 'Text',
      text: 'Hello, I am Sam',
      direction: 'Outbound',
      originatingEntity: 'Human',
      channel: { time: '2026-01-05T10:00:05.000Z', from: { nickname: 'Sam', image: 'https://cdn.example.com/sam.png' } },
    });
    expect(event).to.deep.equal({
      kind: 'message',
      message: { id: 'm1', author: 'agent', text: 'Hello, I am Sam', time: '2026-01-05T10:00:05.000Z', senderName: 'Sam', avatarUrl: 'https://cdn.example.com/sam.png' },
    });
  });

  it('marks bot messages as the bot', () => {
    const [event] = normalizeStructuredMessage({ id: 'b', type: 'Text', text: 'Beep', direction: 'Outbound', originatingEntity: 'Bot', channel: {} });
    expect(event?.kind === 'message' && event.message.author).to.equal('bot');
  });

  it('drops avatars that are not http(s)', () => {
    const [event] = normalizeStructuredMessage({
      id: 'm', type: 'Text', text: 'x', direction: 'Outbound', channel: { from: { nickname: 'Eve', image: 'javascript:alert(1)' } },
    });
    expect(event?.kind === 'message' && event.message.avatarUrl).to.equal(undefined);
  });

  it('reads the visitor echo as sent, with the client id from its metadata', () => {
    const [event] = normalizeStructuredMessage({
      id: 's1', type: 'Text', text: 'Hi', direction: 'Inbound', channel: { time: '2026-01-05T10:00:00Z' }, metadata: { clientMessageId: 'c1' },
    });
    expect(event).to.deep.include({ kind: 'message' });
    expect(event?.kind === 'message' && event.message).to.include({ author: 'visitor', clientId: 'c1', delivery: 'sent' });
  });

  it('reads agent typing with its duration', () => {
    const events = normalizeStructuredMessage({
      id: 't', type: 'Event', direction: 'Outbound', channel: {}, events: [{ eventType: 'Typing', typing: { type: 'On', duration: 4000 } }],
    });
    expect(events).to.deep.equal([{ kind: 'typing', durationMs: 4000 }]);
  });

  it('reads an agent disconnect and whether it leaves the conversation read-only', () => {
    const [event] = normalizeStructuredMessage({
      id: 'd', type: 'Event', direction: 'Outbound', channel: { time: '2026-01-05T10:00:00Z' }, metadata: { readOnly: 'true' },
      events: [{ eventType: 'Presence', presence: { type: 'Disconnect' } }],
    });
    expect(event).to.deep.equal({ kind: 'presence', id: 'd', presence: 'Disconnect', readOnly: true, time: '2026-01-05T10:00:00Z' });
  });

  for (const [label, body] of [
    ['a body that is not an object', 'oops'],
    ['a message without an id', { type: 'Text', text: 'x', direction: 'Outbound' }],
    ['an empty text', { id: 'e', type: 'Text', text: '   ', direction: 'Outbound' }],
    ['the visitor’s own events', { id: 'j', type: 'Event', direction: 'Inbound', events: [{ eventType: 'Presence', presence: { type: 'Join' } }] }],
  ] as const) {
    it(`ignores ${label}`, () => {
      expect(normalizeStructuredMessage(body)).to.deep.equal([]);
    });
  }
});
