import type { ChatMessage } from '../../src/base/chat-message.js';
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

  describe('rich content (each was dropped before: no text and no quick replies)', () => {
    const outbound = (content: unknown[], text = '') => ({ id: 'm', type: 'Structured', text, direction: 'Outbound', channel: { time: '2026-01-05T10:00:00.000Z' }, content });
    const only = (content: unknown[], text = '') => {
      const events = normalizeStructuredMessage(outbound(content, text));
      expect(events).to.have.length(1);
      return (events[0] as { message: ChatMessage }).message;
    };

    it('reads an attachment-only message, with the size under either name', () => {
      const message = only([
        { contentType: 'Attachment', attachment: { id: 'a1', url: 'https://files.example/a.png', filename: 'a.png', mediaType: 'Image', mime: 'image/png', fileSize: 48213 } },
        { contentType: 'Attachment', attachment: { id: 'a2', url: 'https://files.example/b.pdf', filename: 'b.pdf', mediaType: 'File', contentSizeBytes: 10 } },
      ]);
      expect(message.attachments).to.deep.equal([
        { id: 'a1', url: 'https://files.example/a.png', state: 'sent', name: 'a.png', mediaType: 'Image', mime: 'image/png', size: 48213 },
        { id: 'a2', url: 'https://files.example/b.pdf', state: 'sent', name: 'b.pdf', mediaType: 'File', size: 10 },
      ]);
    });

    it('keeps the text of a message that also carries an attachment', () => {
      const message = only([{ contentType: 'Attachment', attachment: { id: 'a', url: 'https://f.example/x', filename: 'x', mediaType: 'File' } }], 'Here it is');
      expect(message.text).to.equal('Here it is');
      expect(message.attachments).to.have.length(1);
    });

    it('reads a card and a carousel, with postback and link actions', () => {
      const card = { title: 'Plan A', description: '€10', image: 'https://i.example/a.png', defaultAction: { type: 'Link', text: 'More', url: 'https://x.example/a' }, actions: [{ type: 'Postback', text: 'Choose A', payload: 'A' }, { type: 'Link', text: 'Terms', url: 'https://x.example/t' }] };
      expect(only([{ contentType: 'Card', card }]).cards).to.deep.equal([
        { title: 'Plan A', description: '€10', image: 'https://i.example/a.png', link: 'https://x.example/a', actions: [{ kind: 'postback', text: 'Choose A', value: 'A' }, { kind: 'link', text: 'Terms', value: 'https://x.example/t' }] },
      ]);
      const carousel = only([{ contentType: 'Carousel', carousel: { cards: [card, { ...card, title: 'Plan B' }] } }]);
      expect(carousel.carousel).to.equal(true);
      expect(carousel.cards?.map((each) => each.title)).to.deep.equal(['Plan A', 'Plan B']);
    });

    it('reads a time-slot picker and a list picker', () => {
      const picker = only([{ contentType: 'DatePicker', datePicker: { title: 'Pick', availableTimes: [{ dateTime: '2026-02-10T09:00:00.000Z', duration: 30 }, { dateTime: 'never' }] } }]);
      expect(picker.datePicker).to.deep.equal({ title: 'Pick', slots: [{ dateTime: '2026-02-10T09:00:00.000Z', duration: 30 }] });
      const list = only([{ contentType: 'ListPicker', listPicker: { sections: [{ title: 'Sizes', multipleSelection: true, items: [{ id: 's', title: 'Small' }, { title: 'no id' }] }], receivedMessage: { title: 'Size?' }, replyMessage: { title: 'Thanks' } } }]);
      expect(list.listPicker).to.deep.equal({ title: 'Size?', sections: [{ title: 'Sizes', multiple: true, items: [{ id: 's', title: 'Small' }] }] });
    });

    it('marks content it cannot show instead of dropping the message', () => {
      expect(only([{ contentType: 'Story', story: {} }]).unsupported).to.equal(true);
    });

    it('never keeps an address that is not http(s)', () => {
      const message = only([
        { contentType: 'Attachment', attachment: { id: 'x', url: 'javascript:alert(1)', filename: 'x', mediaType: 'File' } },
        { contentType: 'Card', card: { title: 'T', image: 'data:image/png;base64,AA', defaultAction: { type: 'Link', text: 'go', url: 'javascript:alert(1)' }, actions: [{ type: 'Link', text: 'go', url: 'vbscript:x' }] } },
      ]);
      expect(message.attachments).to.equal(undefined);
      expect(message.cards).to.deep.equal([{ title: 'T', actions: [] }]);
    });
  });
});
