import { LazyChunk } from '../base/lazy-chunk.js';
import { within } from '../base/time-limit.js';
import type { Persistence } from '../config/storage-config.js';
import { ChatThirdPartyEvent, type ChatThirdPartyDetail } from '../events/chat-events.js';
import type { ArrivedHandoff } from '../handoff/arrived-handoff.js';
import type { HandoffLink, HandoffSettings, Reporter } from '../handoff/handoff-link.js';
import type { HubLink } from '../hub/hub-link.js';
import { loadHubLink } from '../hub/hub-loader.js';
import type { ChatSessionListener } from './chat-session.js';
import { elsewhereWaitMs, type SessionParts } from './session-parts.js';

const handoffCode = new LazyChunk(() => import('../handoff/handoff-link.js'));

/** What the organisation's other sites need of the element that shows the chat (see `ChatSessionListener`). */
export type OtherSitesView = Pick<ChatSessionListener, 'dispatch' | 'changed' | 'hubContainer'>;

/**
 * The two ways a conversation reaches the organisation's other sites, for one set of a chat's
 * parts: the storage hub (`iframe-url`: its frame, what it reports, the conversation it
 * holds) and link hand-offs (`linked-domains`). This module is a chunk, fetched only by a page
 * that uses either (and, of those, only once the hub or a hand-off is wanted); each of the
 * two is a chunk of its own again.
 */
export class OtherSites {
  /** The hub, once its code has arrived and its frame is open. */
  hub: HubLink | undefined;
  #handoff: Promise<HandoffLink | undefined> | undefined;
  #handoffLink: HandoffLink | undefined;
  #disposed = false;

  constructor(
    private readonly parts: SessionParts,
    private readonly settings: HandoffSettings,
    private readonly view: OtherSitesView,
    private readonly reporter: Reporter,
    /** A conversation from another site is continued here: the panel as the visitor left it there. */
    private readonly continued: (open: boolean) => void,
  ) {}

  /** Fetches the hub's code and opens its frame; undefined if the code cannot arrive or these parts were replaced meanwhile. */
  loadHub(url: URL, persist: Persistence): Promise<HubLink | undefined> {
    const listener = {
      reported: (detail: ChatThirdPartyDetail): void => {
        this.view.dispatch(new ChatThirdPartyEvent(detail));
        this.view.changed();
      },
      changed: () => this.view.changed(),
      warn: (message: string) => this.reporter.warn(message),
    };
    return loadHubLink(url, persist, this.view.hubContainer(), listener, () => !this.#disposed).then((link) => (this.hub = link));
  }

  /** `url` with a hand-off of the visitor's conversation, once the hand-off's code is here (see `HandoffLink.decorate`). */
  decorate(url: string): string {
    return this.#handoffLink?.decorate(url) ?? url;
  }

  /** The link hand-off's code, fetched once; undefined if it cannot arrive (the chat carries on without hand-offs). */
  handoffs(): Promise<HandoffLink | undefined> {
    return (this.#handoff ??= handoffCode.load().then(
      ({ HandoffLink }) => (this.#disposed ? undefined : (this.#handoffLink = HandoffLink.for(this.parts, this.settings, this.reporter, (event) => this.view.dispatch(event)))),
      () => undefined,
    ));
  }

  /**
   * The visitor's conversation may come from another site: through the link they followed
   * (a hand-off arrived), then through the hub; each is continued here when
   * `shouldAdoptHubRecord` says so. Until both have answered (or given up), no new session is
   * started: a visitor who writes at once waits, and never gets a second conversation.
   */
  async continueFromElsewhere(hub: Promise<HubLink | undefined> | undefined, arrived: ArrivedHandoff | undefined): Promise<void> {
    const { conversation } = this.parts;
    const current = () => !this.#disposed;
    const continued = (open: boolean) => this.continued(open);
    let handedOver;
    if (arrived) {
      // Bounded: a chunk or a hub that never answers must not hold new sessions for good.
      handedOver = await within(this.handoffs().then((link) => link?.receive(arrived, conversation)), elsewhereWaitMs, undefined).catch(() => undefined);
      if (handedOver && current()) {
        conversation.adoptSession(handedOver);
        continued(handedOver.open);
      }
    }
    const hadOwn = conversation.record !== undefined;
    // The hub's code is a chunk: a fetch that stalls must not hold new sessions for longer than the hub itself may take.
    const link = hub && (await within(hub, elsewhereWaitMs, undefined));
    if (link && current()) await link.continueInto(this.parts, { hadOwn, handedOver: !!handedOver, current, continued }).catch(() => {});
    if (current()) conversation.allowNewSession();
  }

  dispose(): void {
    this.#disposed = true;
    this.#handoffLink?.dispose();
  }
}
