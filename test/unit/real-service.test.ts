import { expect } from '@open-wc/testing';
import { readDeploymentFeatures } from '../../src/conversation/deployment-config.js';
import { recogniseSent } from '../../src/conversation/history-claims.js';
import type { ServerEvent } from '../../src/conversation/normalize-message.js';
import { SessionExpiry, expiryNoticeMs } from '../../src/conversation/session-expiry.js';
import { answersConfigure, failsMessageInFlight, type ServerFrame } from '../../src/transport/guest-api-frames.js';

const error = (code: number): ServerFrame => ({ type: 'response', class: 'string', code, body: 'refused' });
const tooMany: ServerFrame = { type: 'response', class: 'TooManyRequestsErrorMessage', code: 429, body: { retryAfter: 1 } };
const visitorSaid = (id: string, text: string, time: string): ServerEvent => ({ kind: 'message', message: { id, author: 'visitor', text, time, delivery: 'sent' } });

describe('answers the real service sends without a tracingId', () => {
  it('takes the next SessionResponse, a session error or an HTTP refusal as the answer to configureSession', () => {
    expect(answersConfigure({ type: 'response', class: 'SessionResponse', code: 200, body: { connected: true } }, 'c1')).to.equal(true);
    for (const code of [4006, 4007, 4017, 400, 401, 403, 500]) expect(answersConfigure(error(code), 'c1'), String(code)).to.equal(true);
  });

  it('is not taken in by a 429, a message error, an error the SDK only logs, or another request’s tag', () => {
    for (const code of [4000, 4011, 4013, 4020, 5000]) expect(answersConfigure(error(code), 'c1'), String(code)).to.equal(false);
    expect(answersConfigure(tooMany, 'c1')).to.equal(false);
    expect(answersConfigure({ ...error(403), tracingId: 'other' }, 'c1')).to.equal(false);
  });

  it('fails the message in flight only for what the official SDK fails it for', () => {
    for (const code of [4011, 4013]) expect(failsMessageInFlight(error(code)), String(code)).to.equal(true);
    expect(failsMessageInFlight(tooMany)).to.equal(true);
    for (const code of [400, 403, 4007, 5000]) expect(failsMessageInFlight(error(code)), String(code)).to.equal(false);
  });
});

describe('recogniseSent: a message whose echo was lost, found in history by what it says', () => {
  const writtenAt = Date.parse('2026-11-30T10:00:00.000Z');

  it('names the history message after the waiting one, oldest first, each once', () => {
    const events = recogniseSent(
      [visitorSaid('s1', 'yes', '2026-11-30T10:00:01.000Z'), visitorSaid('s2', 'yes', '2026-11-30T10:00:02.000Z')],
      [{ clientId: 'a', text: 'yes', writtenAt }, { clientId: 'b', text: 'yes', writtenAt: writtenAt + 500 }, { clientId: 'c', text: 'yes', writtenAt: writtenAt + 900 }],
      () => false,
    );
    expect(events.map((event) => (event.kind === 'message' ? event.message.clientId : undefined))).to.deep.equal(['a', 'b']);
  });

  it('leaves alone what the transcript holds already, what is older than the writing, and entries without the time they were written', () => {
    const events = recogniseSent(
      [visitorSaid('known', 'yes', '2026-11-30T10:00:01.000Z'), visitorSaid('old', 'no', '2026-11-30T09:50:00.000Z'), visitorSaid('s3', 'maybe', '2026-11-30T10:00:03.000Z')],
      [{ clientId: 'a', text: 'yes', writtenAt }, { clientId: 'b', text: 'no', writtenAt }, { clientId: 'c', text: 'maybe' }],
      (id) => id === 'known',
    );
    expect(events.map((event) => (event.kind === 'message' ? event.message.clientId : undefined))).to.deep.equal([undefined, undefined, undefined]);
  });

  it('matches an answer by the label it shows', () => {
    const [event] = recogniseSent([visitorSaid('s1', 'Choose A', '2026-11-30T10:00:01.000Z')], [{ clientId: 'a', text: 'Choose A', reply: { text: 'Choose A', payload: 'A', type: 'Button' }, writtenAt }], () => false);
    expect(event!.kind === 'message' && event!.message.clientId).to.equal('a');
  });
});

describe('SessionExpiry', () => {
  it('warns at once when the session ends within five minutes, and activity clears the warning', () => {
    const notices: Array<number | undefined> = [];
    const expiry = new SessionExpiry((at) => notices.push(at));
    const soon = Math.floor((Date.now() + expiryNoticeMs - 10_000) / 1000);
    expiry.learnt(soon, 600);
    expect(notices).to.deep.equal([soon * 1000]);
    expect(expiry.activity()).to.equal(true);
    expect(notices.at(-1)).to.equal(undefined);
    expiry.stop();
  });

  it('reads the echo reply’s strings as the SessionResponse’s numbers, and says nothing while the end is far', () => {
    const notices: Array<number | undefined> = [];
    const expiry = new SessionExpiry((at) => notices.push(at));
    expiry.learnt(String(Math.floor(Date.now() / 1000) + 86_400), '86400');
    expect(expiry.expiresAt).to.be.above(Date.now() + 86_000_000);
    expect(notices).to.deep.equal([]);
    expiry.stop();
  });
});

describe('readDeploymentFeatures', () => {
  it('reads the flags the widget obeys, absent ones as off (as the official SDK does)', () => {
    const conversations = { showAgentTypingIndicator: true, autoStart: { enabled: true }, conversationClear: { enabled: false }, markdown: { enabled: true }, unknownKey: 1 };
    expect(readDeploymentFeatures({ messenger: { apps: { conversations } } })).to.deep.equal({ clear: false, agentTyping: true, visitorTyping: false, autoStart: true, markdown: true, disconnect: 'send' });
    expect(readDeploymentFeatures('not a config')).to.deep.equal({ clear: false, agentTyping: false, visitorTyping: false, autoStart: false, markdown: false, disconnect: 'send' });
    const readOnly = { conversationDisconnect: { enabled: true, type: 'ReadOnly' } };
    expect(readDeploymentFeatures({ messenger: { apps: { conversations: readOnly } } }).disconnect).to.equal('read-only');
  });
});
