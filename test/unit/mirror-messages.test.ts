import { expect } from '@open-wc/testing';
import { isMirrorMessage } from '../../src/mirror/mirror-messages.js';

const status = { connection: 'connected', typing: undefined, readOnly: false, token: 't', visible: true, pending: [], attributeBudget: 2048 };

describe('isMirrorMessage', () => {
  it('accepts the messages tabs send each other', () => {
    expect(isMirrorMessage({ type: 'hello', from: 'a' })).to.equal(true);
    expect(isMirrorMessage({ type: 'status', from: 'a', status })).to.equal(true);
    expect(isMirrorMessage({ type: 'send', from: 'a', to: 'b', clientId: 'c', text: 'hi' })).to.equal(true);
    expect(isMirrorMessage({ type: 'panel', from: 'a', panel: { open: true, at: 1, by: 'a' } })).to.equal(true);
    expect(isMirrorMessage({ type: 'unread', from: 'a', count: 2 })).to.equal(true);
    expect(isMirrorMessage({ type: 'read', from: 'a' })).to.equal(true);
    expect(isMirrorMessage({ type: 'snapshot', from: 'a', to: 'b', messages: [], status, panel: { open: false, at: 0, by: '' }, unread: 0 })).to.equal(true);
  });

  for (const [label, value] of [
    ['null', null],
    ['a string', 'hello'],
    ['an unknown type', { type: 'eval', from: 'a', code: 'alert(1)' }],
    ['a message without a sender', { type: 'hello' }],
    ['a send without an addressee', { type: 'send', from: 'a', clientId: 'c', text: 'hi' }],
    ['a send with a non-string text', { type: 'send', from: 'a', to: 'b', clientId: 'c', text: { toString: () => 'x' } }],
    ['a status with malformed pending entries', { type: 'status', from: 'a', status: { ...status, pending: [{ clientId: 1 }] } }],
    ['a snapshot without messages', { type: 'snapshot', from: 'a', to: 'b', status }],
    ['a snapshot without the panel', { type: 'snapshot', from: 'a', to: 'b', messages: [], status, unread: 0 }],
    ['a panel change without a time', { type: 'panel', from: 'a', panel: { open: true, by: 'a' } }],
    ['a panel change with an open that is not a boolean', { type: 'panel', from: 'a', panel: { open: 'yes', at: 1, by: 'a' } }],
    ['a negative count', { type: 'unread', from: 'a', count: -1 }],
    ['a fractional count', { type: 'unread', from: 'a', count: 1.5 }],
  ] as const) {
    it(`refuses ${label}`, () => {
      expect(isMirrorMessage(value)).to.equal(false);
    });
  }
});
