import { expect } from '@open-wc/testing';
import type { ChatMessage } from '../../src/base/chat-message.js';
import { Transcript } from '../../src/conversation/transcript.js';

const agent = (id: string, time: string, text = id): ChatMessage => ({ id, author: 'agent', text, time });

describe('Transcript', () => {
  it('keeps one entry per server id however often the message arrives', () => {
    const transcript = new Transcript();
    expect(transcript.put(agent('a', '2026-01-01T10:00:00Z'))).to.equal('added');
    expect(transcript.put(agent('a', '2026-01-01T10:00:00Z'))).to.equal('unchanged');
    expect(transcript.messages()).to.have.length(1);
  });

  it('orders by the server time, whatever the arrival order', () => {
    const transcript = new Transcript();
    transcript.put(agent('late', '2026-01-01T10:00:05Z'));
    transcript.put(agent('early', '2026-01-01T10:00:01Z'));
    transcript.put(agent('middle', '2026-01-01T10:00:03Z'));
    expect(transcript.messages().map((message) => message.id)).to.deep.equal(['early', 'middle', 'late']);
  });

  it('turns a pending message into the acknowledged one when its echo arrives', () => {
    const transcript = new Transcript();
    transcript.put({ id: 'c1', clientId: 'c1', author: 'visitor', text: 'hi', time: '2026-01-01T10:00:09Z', delivery: 'sending' });
    const result = transcript.put({ id: 's1', clientId: 'c1', author: 'visitor', text: 'hi', time: '2026-01-01T10:00:02Z', delivery: 'sent' });
    expect(result).to.equal('updated');
    expect(transcript.messages()).to.have.length(1);
    expect(transcript.get('s1')).to.include({ id: 's1', clientId: 'c1', delivery: 'sent' });
    expect(transcript.get('c1')).to.equal(transcript.get('s1'));
  });

  it('shows messages the server has not acknowledged last, in the order typed', () => {
    const transcript = new Transcript();
    transcript.put({ id: 'c1', clientId: 'c1', author: 'visitor', text: 'first', time: '2026-01-01T09:00:00Z', delivery: 'sending' });
    transcript.put({ id: 'c2', clientId: 'c2', author: 'visitor', text: 'second', time: '2026-01-01T09:00:00Z', delivery: 'sending' });
    transcript.put(agent('a', '2026-01-01T10:00:00Z'));
    expect(transcript.messages().map((message) => message.text)).to.deep.equal(['a', 'first', 'second']);
  });

  it('matches a history copy that carries the client id to the pending message', () => {
    const transcript = new Transcript();
    transcript.put({ id: 'c1', clientId: 'c1', author: 'visitor', text: 'hi', time: '2026-01-01T10:00:00Z', delivery: 'sending' });
    transcript.put({ id: 's1', clientId: 'c1', author: 'visitor', text: 'hi', time: '2026-01-01T10:00:00Z', delivery: 'sent' });
    transcript.put({ id: 's1', author: 'visitor', text: 'hi', time: '2026-01-01T10:00:00Z', delivery: 'sent' });
    expect(transcript.messages()).to.have.length(1);
  });

  it('keeps the server’s copy when another tab’s copy, still sending, arrives after it (found by the tab-sync property test: history showed the message twice)', () => {
    const transcript = new Transcript();
    transcript.put({ id: 's1', clientId: 'c1', author: 'visitor', text: 'hi', time: '2026-01-01T10:00:00Z', delivery: 'sent' });
    expect(transcript.put({ id: 'c1', clientId: 'c1', author: 'visitor', text: 'hi', time: '2026-01-01T10:00:01Z', delivery: 'sending' })).to.equal('unchanged');
    expect(transcript.get('c1')).to.include({ id: 's1', delivery: 'sent', time: '2026-01-01T10:00:00Z' });
    // History after a reload brings the server's copy again: still one message.
    const restored = new Transcript();
    for (const message of transcript.messages()) restored.put(message);
    restored.put({ id: 's1', author: 'visitor', text: 'hi', time: '2026-01-01T10:00:00Z', delivery: 'sent' });
    expect(restored.messages()).to.have.length(1);
  });
});

describe('Transcript order with many messages', () => {
  it('stays ordered when thousands arrive, some out of order, and one is acknowledged late', () => {
    const transcript = new Transcript();
    const base = Date.parse('2026-01-01T10:00:00Z');
    const times = Array.from({ length: 3000 }, (_, i) => base + i * 1000);
    // Every tenth message arrives late, as the Guest API does not promise order.
    const arrival = times.map((time, i) => (i % 10 === 0 ? times[Math.max(0, i - 5)]! - 1 : time));
    arrival.forEach((time, i) => transcript.put(agent(`m${i}`, new Date(time).toISOString())));
    transcript.put({ id: 'c1', clientId: 'c1', author: 'visitor', text: 'pending', time: new Date(base).toISOString(), delivery: 'sending' });
    transcript.put({ id: 's1', clientId: 'c1', author: 'visitor', text: 'pending', time: new Date(base + 500).toISOString(), delivery: 'sent' });
    const order = transcript.messages().map((message) => Date.parse(message.time));
    expect(order).to.have.length(3001);
    expect(order.every((time, i) => i === 0 || order[i - 1]! <= time)).to.equal(true);
    expect(transcript.messages()[1]!.text).to.equal('pending');
  });
});
