import { expect } from '@open-wc/testing';
import { Outbox, pacingMargin, type OutboxEntry, type SendOutcome } from '../../src/conversation/outbox.js';
import { waitFor } from './helpers/emulator.js';

function recordingOutbox(outcomes: Array<SendOutcome['kind'] | SendOutcome>, messagesPerSecond = 1000) {
  const attempts: string[] = [];
  const acknowledged: string[] = [];
  const rejected: string[] = [];
  const outbox = new Outbox(
    async (entry) => {
      attempts.push(entry.text);
      const next = outcomes.shift() ?? 'acknowledged';
      return typeof next === 'string' ? ({ kind: next } as SendOutcome) : next;
    },
    { acknowledged: (entry) => acknowledged.push(entry.text), rejected: (entry) => rejected.push(entry.text) },
    { messagesPerSecond },
  );
  return { outbox, attempts, acknowledged, rejected };
}

const entry = (text: string): OutboxEntry => ({ clientId: `id-${text}`, text });

describe('Outbox', () => {
  it('leaves a margin under the rate: at 2 per second no three messages leave within one second', async () => {
    const sentAt: number[] = [];
    const outbox = new Outbox(
      async () => {
        sentAt.push(performance.now());
        return { kind: 'acknowledged' };
      },
      { acknowledged: () => {}, rejected: () => {} },
      { messagesPerSecond: 2 },
    );
    outbox.resume();
    for (const text of ['a', 'b', 'c']) outbox.add(entry(text));
    await waitFor(() => sentAt.length === 3, 'three sent', 5000);
    // A server counting a sliding second sees all three within it unless the first and the
    // third are more than a second apart, whatever the timers' and the network's jitter.
    expect(sentAt[2]! - sentAt[0]!).to.be.above(1200);
    expect(pacingMargin).to.be.above(1.2);
  });

  it('sends nothing until the connection is ready, then everything in order', async () => {
    const { outbox, attempts, acknowledged } = recordingOutbox([]);
    outbox.add(entry('a'));
    outbox.add(entry('b'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(attempts).to.deep.equal([]);
    outbox.resume();
    await waitFor(() => acknowledged.length === 2, 'both acknowledged');
    expect(attempts).to.deep.equal(['a', 'b']);
  });

  it('keeps a message whose connection dropped and sends it once the connection is back', async () => {
    const { outbox, attempts, acknowledged } = recordingOutbox(['disconnected']);
    outbox.resume();
    outbox.add(entry('a'));
    await waitFor(() => attempts.length === 1, 'first attempt');
    expect(outbox.pending.map((each) => each.text)).to.deep.equal(['a']);
    outbox.resume();
    await waitFor(() => acknowledged.length === 1, 'acknowledged after resume');
    expect(attempts).to.deep.equal(['a', 'a']);
  });

  it('a connection that came back while a send was out is not forgotten when that send fails', async () => {
    let answer: (outcome: SendOutcome) => void = () => {};
    const attempts: string[] = [];
    const acknowledged: string[] = [];
    const outbox = new Outbox(
      (sent) => {
        attempts.push(sent.text);
        return attempts.length === 1 ? new Promise((resolve) => (answer = resolve)) : Promise.resolve({ kind: 'acknowledged' });
      },
      { acknowledged: (sent) => acknowledged.push(sent.text), rejected: () => {} },
      { messagesPerSecond: 1000 },
    );
    outbox.resume();
    outbox.add(entry('a'));
    await waitFor(() => attempts.length === 1, 'first attempt');
    outbox.pause();
    outbox.resume();
    answer({ kind: 'disconnected' });
    await waitFor(() => acknowledged.length === 1, 'sent again without another resume');
    expect(attempts).to.deep.equal(['a', 'a']);
  });

  it('waits as long as the server asks after a rate-limit answer, and keeps the order', async () => {
    const { outbox, attempts, acknowledged } = recordingOutbox([{ kind: 'retry-after', ms: 150 }]);
    outbox.resume();
    const started = performance.now();
    outbox.add(entry('a'));
    outbox.add(entry('b'));
    await waitFor(() => acknowledged.length === 2, 'both acknowledged');
    expect(attempts).to.deep.equal(['a', 'a', 'b']);
    expect(performance.now() - started).to.be.at.least(140);
  });

  it('paces sends to the allowed rate', async () => {
    const { outbox, acknowledged } = recordingOutbox([], 20);
    outbox.resume();
    const started = performance.now();
    for (const text of ['a', 'b', 'c', 'd']) outbox.add(entry(text));
    await waitFor(() => acknowledged.length === 4, 'all acknowledged');
    // Four sends at 20 per second are at least three intervals of 50 ms apart.
    expect(performance.now() - started).to.be.at.least(140);
  });

  it('reports a refused message and goes on with the next', async () => {
    const { outbox, acknowledged, rejected } = recordingOutbox([{ kind: 'rejected', reason: '4011: too long' }]);
    outbox.resume();
    outbox.add(entry('long'));
    outbox.add(entry('short'));
    await waitFor(() => acknowledged.length === 1, 'second acknowledged');
    expect(rejected).to.deep.equal(['long']);
    expect(acknowledged).to.deep.equal(['short']);
  });

  it('queues a message once even if it is added twice', async () => {
    const { outbox, attempts } = recordingOutbox([]);
    outbox.add(entry('a'));
    outbox.add(entry('a'));
    outbox.resume();
    await waitFor(() => attempts.length === 1, 'one attempt');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(attempts).to.deep.equal(['a']);
  });

  it('sends nothing when the entry waiting its turn is taken back meanwhile (a cancelled upload)', async () => {
    const sent: Array<OutboxEntry | undefined> = [];
    const outbox = new Outbox(
      async (each) => {
        sent.push(each);
        return { kind: 'acknowledged' };
      },
      { acknowledged: () => {}, rejected: () => {} },
      { messagesPerSecond: 10 },
    );
    outbox.resume();
    outbox.add(entry('first'));
    outbox.add(entry('taken back'));
    // The second waits out the pacing (130 ms): it is withdrawn before its turn.
    await waitFor(() => sent.length === 1 || undefined, 'the first sent');
    expect(outbox.withdraw('id-taken back')?.text).to.equal('taken back');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sent.map((each) => each?.text)).to.deep.equal(['first']);
    expect(outbox.pending).to.deep.equal([]);
  });

  it('forgets entries that history shows were delivered', () => {
    const { outbox } = recordingOutbox([]);
    outbox.add(entry('a'));
    outbox.add(entry('b'));
    outbox.discard(new Set(['id-a']));
    expect(outbox.pending.map((each) => each.text)).to.deep.equal(['b']);
  });
});
