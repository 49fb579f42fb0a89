import { expect } from '@open-wc/testing';
import '../../src/define.js';
import type { ChatMessage } from '../../src/base/chat-message.js';
import type { PersistentChat } from '../../src/components/persistent-chat/persistent-chat.js';
import { seededRandom } from '../shared/seeded-random.js';
import { sessionsOf, socketUrlFor, uniqueDeploymentId, waitFor, type EmulatorSession } from './helpers/emulator.js';

declare global {
  interface Window {
    /** LIFECYCLE_SEED, handed to the page by web-test-runner.config.mjs: replays one run. */
    __lifecycleSeed?: string;
  }
}

/** Setting changes a page may make at any moment, as attributes or as properties. */
const settingChanges: ReadonlyArray<(element: PersistentChat, pick: <T>(values: readonly T[]) => T) => void> = [
  (element) => element.toggleAttribute('async'),
  (element, pick) => (element.asyncChat = pick([true, false])),
  (element, pick) => element.setAttribute('storage', pick(['local', 'indexeddb', 'auto'])),
  (element, pick) => (element.storage = pick(['local', 'auto'])),
  (element, pick) => element.setAttribute('cookie-domain', pick(['auto', 'none'])),
  (element, pick) => element.setAttribute('context-attributes', pick(['auto', 'none', 'url pageTitle'])),
  (element, pick) => (element.contextAttributes = pick(['auto', 'none'])),
  (element, pick) => element.setAttribute('theme', pick(['light', 'dark', 'auto'])),
  (element) => element.toggleAttribute('notify'),
  (element, pick) => (element.guestAttributes = { plan: pick(['gold', 'silver']) }),
];

interface Written {
  text: string;
  /** The tab (a slot that survives reloads) it was written in. */
  slot: number;
  settled: Promise<ChatMessage> | undefined;
  /** Written in an element that is still on the page: its promise must settle. */
  element: PersistentChat;
}

async function runLifecycle(seed: number): Promise<void> {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const deploymentId = uniqueDeploymentId();
  const name = `prop${seed}`;
  const create = (attributes: Record<string, string>): PersistentChat => {
    const element = document.createElement('persistent-chat') as PersistentChat;
    element.setAttribute('deployment-id', deploymentId);
    element.setAttribute('endpoint', socketUrlFor(deploymentId));
    element.setAttribute('name', name);
    element.setAttribute('cookie-domain', 'none');
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
    document.body.append(element);
    return element;
  };
  const attributesOf = (element: PersistentChat) => Object.fromEntries([...element.attributes].filter((each) => !['open', 'ready', 'owner'].includes(each.name)).map((each) => [each.name, each.value]));
  // Three tabs of one browser: elements with the same name and deployment share one owner.
  const tabs: PersistentChat[] = [create({ storage: 'local' }), create({ storage: 'local' }), create({ storage: 'local' })];
  const written: Written[] = [];
  const log: string[] = [];
  try {
    for (let step = 0; step < 24; step += 1) {
      const slot = Math.floor(random() * tabs.length);
      const element = tabs[slot]!;
      const roll = random();
      if (roll < 0.35) {
        const text = `seed ${seed} step ${step} tab ${slot}`;
        log.push(`send ${slot}`);
        written.push({ text, slot, settled: element.send(text), element });
      } else if (roll < 0.45) {
        log.push(`open ${slot}`);
        element.open();
      } else if (roll < 0.75) {
        const change = Math.floor(random() * settingChanges.length);
        log.push(`setting ${change} on ${slot}`);
        settingChanges[change]!(element, pick);
      } else if (roll < 0.87) {
        // A reload: the page goes, a new one with the same settings comes.
        log.push(`reload ${slot}`);
        const attributes = attributesOf(element);
        element.remove();
        tabs[slot] = create(attributes);
      } else {
        // The owner goes away (its tab closed), and a new tab comes in its place.
        const ownerSlot = tabs.findIndex((each) => each.owner);
        const at = ownerSlot >= 0 ? ownerSlot : slot;
        log.push(`owner change ${at}`);
        const attributes = attributesOf(tabs[at]!);
        tabs[at]!.remove();
        tabs[at] = create(attributes);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 250)));
    }
    const texts = written.map((each) => each.text);
    const context = `seed ${seed}: ${log.join(', ')}`;
    const inbound = (found: EmulatorSession[]) => found.flatMap((session) => session.messages.filter((message) => message.direction === 'Inbound').map((message) => message.text));
    let sessionsSeen: EmulatorSession[] = [];
    const sessions = await waitFor(
      async () => {
        const found = await sessionsOf(deploymentId);
        sessionsSeen = found;
        return inbound(found).length >= texts.length ? found : undefined;
      },
      'all messages on the emulator',
      20_000,
    ).catch(() => {
      const missing = texts.filter((text) => !inbound(sessionsSeen).includes(text));
      throw new Error(`not on the emulator after 20 s: ${JSON.stringify(missing)} (${context})`);
    });
    expect(sessions.filter((session) => session.messages.length > 0), `one conversation on the server (${context})`).to.have.length(written.length > 0 ? 1 : 0);
    const delivered = sessions.flatMap((session) => session.messages.filter((message) => message.direction === 'Inbound').map((message) => message.text));
    expect([...delivered].sort(), `every message exactly once (${context})`).to.deep.equal([...texts].sort());
    for (let slot = 0; slot < tabs.length; slot += 1) {
      const fromSlot = written.filter((each) => each.slot === slot).map((each) => each.text);
      expect(delivered.filter((text) => fromSlot.includes(text)), `tab ${slot}'s messages in the order written (${context})`).to.deep.equal(fromSlot);
    }
    const live = written.filter((each) => tabs.includes(each.element));
    const outcomes = await Promise.all(live.map((each) => each.settled!));
    expect(outcomes.map((message) => message.delivery), `every send() on the page settles as sent (${context})`).to.deep.equal(live.map(() => 'sent'));
  } finally {
    tabs.forEach((element) => element.remove());
  }
}

describe('the session lifecycle, under random setting changes, sends, reloads and owner changes', () => {
  afterEach(() => localStorage.clear());

  const fixed = Number(window.__lifecycleSeed);
  const seeds = Number.isInteger(fixed) && fixed > 0 ? [fixed] : [Date.now() % 1_000_000, (Date.now() % 1_000_000) + 1];
  for (const seed of seeds) {
    it(`delivers every message exactly once, in order, and settles every send() (seed ${seed}; LIFECYCLE_SEED=${seed} replays it)`, async function () {
      this.timeout(45_000);
      console.log(`lifecycle property test: seed ${seed}`);
      await runLifecycle(seed);
    });
  }
});
