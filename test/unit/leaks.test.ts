import { expect } from '@open-wc/testing';
import '../../src/define.js';
import type { PersistentChat } from '../../src/components/persistent-chat/persistent-chat.js';
import { sessionOf, socketUrlFor, uniqueDeploymentId, waitFor } from './helpers/emulator.js';

/** Counts listeners on window and document that are added and not yet removed (by call or by signal). */
function countListeners(): { readonly active: number; restore(): void } {
  const live = new Set<string>();
  const originalAdd = EventTarget.prototype.addEventListener;
  const originalRemove = EventTarget.prototype.removeEventListener;
  const ids = new WeakMap<object, number>();
  let next = 0;
  const key = (target: EventTarget, type: string, listener: unknown, capture: boolean) => {
    if (!ids.has(listener as object)) ids.set(listener as object, next++);
    return `${target === window ? 'window' : 'document'}|${type}|${ids.get(listener as object)}|${capture}`;
  };
  const watched = (target: EventTarget) => target === window || target === document;
  EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) {
    if (watched(this) && listener) {
      const capture = typeof options === 'boolean' ? options : !!options?.capture;
      const id = key(this, type, listener, capture);
      live.add(id);
      const signal = typeof options === 'object' ? options.signal : undefined;
      signal?.addEventListener('abort', () => live.delete(id), { once: true });
    }
    return originalAdd.call(this, type, listener, options);
  };
  EventTarget.prototype.removeEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) {
    if (watched(this) && listener) live.delete(key(this, type, listener, typeof options === 'boolean' ? options : !!options?.capture));
    return originalRemove.call(this, type, listener, options);
  };
  return {
    get active() {
      return live.size;
    },
    restore() {
      EventTarget.prototype.addEventListener = originalAdd;
      EventTarget.prototype.removeEventListener = originalRemove;
    },
  };
}

/** Counts BroadcastChannels opened and not closed. */
function countChannels(): { readonly open: number; restore(): void } {
  const Original = BroadcastChannel;
  let open = 0;
  globalThis.BroadcastChannel = class extends Original {
    #closed = false;
    constructor(name: string) {
      super(name);
      open += 1;
    }
    override close(): void {
      if (!this.#closed) open -= 1;
      this.#closed = true;
      super.close();
    }
  };
  return {
    get open() {
      return open;
    },
    restore() {
      globalThis.BroadcastChannel = Original;
    },
  };
}

describe('mounting and removing the element', () => {
  afterEach(() => localStorage.clear());

  it('500 times leaves no socket, lock, channel or listener behind', async function () {
    this.timeout(60_000);
    const deploymentId = uniqueDeploymentId();
    // A session exists, so every mount restores it and connects.
    const first = document.createElement('persistent-chat') as PersistentChat;
    first.setAttribute('deployment-id', deploymentId);
    first.setAttribute('endpoint', socketUrlFor(deploymentId));
    document.body.append(first);
    await first.updateComplete;
    await first.send('start a session');
    first.remove();
    const { id } = await sessionOf(deploymentId);
    await waitFor(async () => (await sessionOf(deploymentId)).connections === 0, 'the first socket to close');

    const listeners = countListeners();
    const channels = countChannels();
    const before = listeners.active;
    try {
      for (let i = 0; i < 500; i++) {
        const element = document.createElement('persistent-chat') as PersistentChat;
        element.setAttribute('deployment-id', deploymentId);
        element.setAttribute('endpoint', socketUrlFor(deploymentId));
        document.body.append(element);
        await element.updateComplete;
        if (i % 50 === 0) await element.whenReady();
        element.remove();
      }
      await waitFor(async () => (await sessionOf(deploymentId)).connections === 0, 'every socket to close', 15_000);
      await waitFor(async () => {
        const state = await navigator.locks.query();
        const ours = [...(state.held ?? []), ...(state.pending ?? [])].filter((lock) => lock.name?.startsWith('persistent-chat:'));
        return ours.length === 0;
      }, 'every lock to be released');
      expect(channels.open).to.equal(0);
      expect(listeners.active).to.equal(before);
      expect((await sessionOf(deploymentId)).id).to.equal(id);
    } finally {
      listeners.restore();
      channels.restore();
    }
  });
});
