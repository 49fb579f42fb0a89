import { expect } from '@open-wc/testing';
import '../../src/define.js';
import type { PersistentChat } from '../../src/components/persistent-chat/persistent-chat.js';
import type { ChatErrorEvent } from '../../src/events/chat-events.js';
import { settingNames, settingSpecs } from '../../src/session/session-settings.js';
import { sessionOf, socketUrlFor, uniqueDeploymentId } from './helpers/emulator.js';

/** Values of every wrong type a page (or a script injected into it) could give. */
function hostileValues(): unknown[] {
  const throwing = {
    get anything(): never {
      throw new Error('a getter that throws');
    },
    toString(): never {
      throw new Error('a toString that throws');
    },
  };
  return [
    42, -1, Number.NaN, Number.POSITIVE_INFINITY, 0n, true, false, '', ' ', 'x'.repeat(20_000), '<img src=x onerror=alert(1)>',
    {}, [], [1, 'two', { three: 3 }], () => 'a function', Symbol('hostile'), Object.create(null), throwing,
    new Proxy({}, { ownKeys: () => { throw new Error('a proxy that throws'); }, get: () => { throw new Error('a proxy that throws'); } }),
    new Date(), /regex/, new Map([['a', 'b']]), null, undefined,
  ];
}

const hostileAttributeValues = ['', ' ', 'null', 'undefined', '{', '[]', '{"a":{"b":1}}', '-1', 'NaN', 'Infinity', 'javascript:alert(1)', '<script>alert(1)</script>', 'x'.repeat(20_000), '\u202e\u0000'];

describe('hostile settings', () => {
  afterEach(() => localStorage.clear());

  it('never throws into the page, whatever any attribute or property is set to, and the chat still works after', async function () {
    this.timeout(60_000);
    const thrown: string[] = [];
    const onError = (event: ErrorEvent) => thrown.push(`error: ${event.message}`);
    const onRejection = (event: PromiseRejectionEvent) => thrown.push(`unhandled rejection: ${String(event.reason)}`);
    addEventListener('error', onError);
    addEventListener('unhandledrejection', onRejection);
    const warn = console.warn;
    console.warn = () => {};
    const deploymentId = uniqueDeploymentId();
    const element = document.createElement('persistent-chat') as PersistentChat;
    const errors: string[] = [];
    element.addEventListener('chat-error', (event: ChatErrorEvent) => errors.push(event.detail.code));
    try {
      element.setAttribute('deployment-id', deploymentId);
      element.setAttribute('endpoint', socketUrlFor(deploymentId));
      element.setAttribute('storage', 'memory');
      document.body.append(element);
      await element.whenReady();
      const properties = [...settingNames, 'opened'] as const;
      const settings = element as unknown as Record<string, unknown>;
      for (const name of properties) {
        // One setting at a time, the others left working: each hostile value reaches a running chat.
        const good = settings[name];
        for (const value of hostileValues()) {
          settings[name] = value;
          // The panel renders with every value (open() would also take focus: not needed here).
          element.opened = true;
          await settle(element);
        }
        settings[name] = good;
        await settle(element);
      }
      for (const name of settingNames) {
        const attribute = settingSpecs[name].attribute;
        if (!attribute) continue;
        for (const value of hostileAttributeValues) {
          element.setAttribute(attribute, value);
          await settle(element);
        }
        element.removeAttribute(attribute);
      }
      expect(thrown, 'nothing thrown into the page').to.deep.equal([]);
      const reported = new Set(errors);
      expect(reported.has('invalid-property'), 'wrong types are reported').to.equal(true);

      // Back to good settings: the widget works.
      for (const name of settingNames) (element as unknown as Record<string, unknown>)[name] = settingSpecs[name].initial;
      element.setAttribute('deployment-id', deploymentId);
      element.setAttribute('endpoint', socketUrlFor(deploymentId));
      element.setAttribute('storage', 'memory');
      await settle(element);
      const sent = await element.send('Still working after all that');
      expect(sent.delivery).to.equal('sent');
      expect((await sessionOf(deploymentId)).messages.map((message) => message.text)).to.include('Still working after all that');
      expect(thrown, 'nothing thrown into the page').to.deep.equal([]);
    } finally {
      console.warn = warn;
      removeEventListener('error', onError);
      removeEventListener('unhandledrejection', onRejection);
      element.remove();
    }
  });
});

/**
 * Lets the element update, and whatever it started on the way run: a task later (a message
 * to itself, not a timer, which a background page runs a second late at the soonest).
 */
async function settle(element: PersistentChat): Promise<void> {
  await element.updateComplete;
  await new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}
