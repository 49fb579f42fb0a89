import { randomId } from '../base/random-id.js';
import type { Election, ElectionListener } from './election.js';
import { FocusRecord } from './focus-record.js';
import { LazyChunk } from '../base/lazy-chunk.js';
import { LockElection } from './lock-election.js';
import { broadcastTabChannel, type TabChannel, type TabHub } from './tab-channel.js';
import { isOwnershipMessage, senderOf, type OwnershipMessage } from './ownership-messages.js';

export interface TabCoordinatorListener {
  /** This tab now owns the connection: connect. */
  becameOwner(): void;
  /** This tab no longer owns the connection: close it; resolve once it is closed. */
  becameFollower(): Promise<void>;
  /** This tab joined the others (it started, or came back from the back/forward cache): say hello. */
  arrived(): void;
  /** A message of another protocol (the chat's mirroring) from another tab, unchecked. */
  received(message: unknown): void;
}

/** How long a hidden owner has to answer a request to yield before the requester steals. */
const yieldAnswerMs = 1500;
/** How long an owner that yielded waits to be taken over before it takes the connection back. */
const takeoverMs = 3000;
/** A visible follower checks on the owner this often… */
const pingEveryMs = 2000;
/** …and takes over after this many checks in a row go unanswered (frozen or wedged owner). */
const missedPingsBeforeSteal = 2;

const idle: Election = {
  owner: false,
  compete: () => {},
  withdraw: () => {},
  steal: () => {},
  confirm: () => Promise.resolve(false),
  dispose: () => {},
};

const leaseCode = new LazyChunk(() => import('./lease-election.js'));

type Outgoing = OwnershipMessage extends infer M ? (M extends OwnershipMessage ? Omit<M, 'from'> : never) : never;

/**
 * Makes one tab of a widget the owner of its live connection and lets the tabs talk.
 * The owner steps down when its page is hidden away for good (`pagehide`, `freeze`) and
 * competes again when it comes back; a visible follower takes over from a hidden owner,
 * politely first, by force if the owner does not answer.
 */
export class TabCoordinator {
  readonly tabId = randomId();
  readonly #listener: TabCoordinatorListener;
  readonly #namespace: string;
  readonly #useLocks: boolean;
  /** Until `start()`, a tab that elects nothing and hears nothing. */
  #election: Election = idle;
  #channel: TabChannel | undefined;
  readonly #focus: FocusRecord;
  readonly #lifetime = new AbortController();
  #ownerId: string | undefined;
  #ownerVisible = true;
  #yieldWatch: ReturnType<typeof setTimeout> | undefined;
  #yielding: ReturnType<typeof setTimeout> | undefined;
  #watchdog: ReturnType<typeof setInterval> | undefined;
  #awaitingPong = false;
  #missedPings = 0;
  #away = false;

  constructor(
    namespace: string,
    listener: TabCoordinatorListener,
    { useLocks = LockElection.available(), mayPersist = () => false }: { useLocks?: boolean; mayPersist?: () => boolean } = {},
  ) {
    this.#listener = listener;
    this.#namespace = namespace;
    this.#useLocks = useLocks;
    this.#focus = new FocusRecord(`persistent-chat:${namespace}:focus`, mayPersist);
  }

  /** Not while yielding, nor while leaving (its socket closing before the lock goes). */
  get owner(): boolean {
    return this.#election.owner && this.#yielding === undefined && !this.#away;
  }

  /** The tab that owns the connection, as far as this tab knows. */
  get ownerId(): string | undefined {
    return this.owner ? this.tabId : this.#ownerId;
  }

  /** Whether this tab still owns the connection, asked of the browser rather than remembered. */
  confirmOwner(): Promise<boolean> {
    return this.owner ? this.#election.confirm() : Promise.resolve(false);
  }

  /** Whether this tab is the one the visitor used last, and so the one to alert them. */
  get lastFocused(): boolean {
    return (this.#focus.lastFocused() ?? this.tabId) === this.tabId;
  }

  /**
   * Starts electing and listening. With a hub on the page's own site, the election and the
   * channel run through it, so that the site's sub-domains share one owner.
   */
  start({ hub }: { hub?: TabHub | undefined } = {}): void {
    const signal = this.#lifetime.signal;
    if (signal.aborted) return;
    const name = `persistent-chat:${this.#namespace}`;
    const electionListener: ElectionListener = { won: () => this.#won(), lost: () => void this.#lost() };
    const receive = (data: unknown) => this.#receive(data);
    if (hub) {
      this.#election = hub.election(name, electionListener);
      this.#channel = hub.channel(name, receive);
    } else {
      if (this.#useLocks) this.#election = new LockElection(name, electionListener);
      else void this.#leaseElection(`${name}:lease`, electionListener);
      this.#channel = broadcastTabChannel(name, receive);
    }
    // Capture, at the window: before any other pagehide listener (saving the conversation), so
    // that the next tab is elected without waiting for them.
    addEventListener('pagehide', () => void this.#goAway({ closeFirst: true }), { signal, capture: true });
    addEventListener('pageshow', () => this.#comeBack(), { signal });
    document.addEventListener('freeze', () => void this.#goAway(), { signal });
    document.addEventListener('resume', () => this.#comeBack(), { signal });
    document.addEventListener('visibilitychange', () => this.#visibilityChanged(), { signal });
    addEventListener('focus', () => this.#focused(), { signal });
    if (document.visibilityState === 'visible' && document.hasFocus()) this.#markFocused();
    this.#election.compete();
    this.#listener.arrived();
    // Spread the checks of several followers, so that they do not all act in the same instant.
    this.#watchdog = setInterval(() => this.#checkOwner(), pingEveryMs + Math.round(Math.random() * 400));
  }

  /**
   * Browsers without Web Locks (pages on plain HTTP, old Safari) elect through a lease in
   * localStorage. Few need it, so its code is a chunk of its own; until it has arrived this
   * tab does not compete, and if it cannot arrive, the tab tries again.
   */
  async #leaseElection(name: string, listener: ElectionListener): Promise<void> {
    const signal = this.#lifetime.signal;
    for (let attempt = 0; !signal.aborted; attempt += 1) {
      try {
        const { LeaseElection } = await leaseCode.load();
        if (signal.aborted) return;
        this.#election = new LeaseElection(name, this.tabId, listener);
        if (!this.#away) this.#election.compete();
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * 2 ** attempt)));
      }
    }
  }

  stop(): void {
    this.#lifetime.abort();
    clearInterval(this.#watchdog);
    clearTimeout(this.#yieldWatch);
    clearTimeout(this.#yielding);
    this.#election.dispose();
    this.#channel?.close();
  }

  /** Posts a message of another protocol to the other tabs, signed with this tab's id. */
  post(message: object): void {
    this.#channel?.post({ ...message, from: this.tabId });
  }

  #post(message: Outgoing): void {
    this.post(message);
  }

  /** The owner said where it stands: followers need to know whether it is visible. */
  noteOwner(ownerId: string, visible: boolean): void {
    if (ownerId !== this.#ownerId) this.#missedPings = 0;
    this.#ownerId = ownerId;
    this.#ownerVisible = visible;
  }

  #receive(data: unknown): void {
    const from = senderOf(data);
    if (from === undefined || from === this.tabId) return;
    if (!isOwnershipMessage(data)) return this.#listener.received(data);
    if (data.type === 'focused') return this.#focus.heard(data.from);
    if (data.type === 'ping' && data.to === this.tabId) {
      // Answered from a timer, not from the message handler: a frozen page can still take
      // channel messages but runs no timers (and no sockets), and then must not seem alive.
      if (this.#election.owner) setTimeout(() => this.#post({ type: 'pong', to: data.from }));
      return;
    }
    if (data.type === 'pong' && data.to === this.tabId) {
      if (data.from === this.#ownerId) this.#awaitingPong = false;
      this.#missedPings = 0;
      return;
    }
    if (data.type === 'yield-request' && data.to === this.tabId) return void this.#yieldTo(data.from);
    if (data.type === 'yielded' && data.to === this.tabId) {
      clearTimeout(this.#yieldWatch);
      this.#yieldWatch = undefined;
      return this.#election.steal();
    }
  }

  #won(): void {
    clearTimeout(this.#yieldWatch);
    this.#yieldWatch = undefined;
    this.#ownerId = this.tabId;
    this.#listener.becameOwner();
  }

  async #lost(): Promise<void> {
    const wasYielding = this.#yielding !== undefined;
    clearTimeout(this.#yielding);
    this.#yielding = undefined;
    if (!wasYielding) await this.#listener.becameFollower();
  }

  /** A visible follower wants the connection: hand it over only if this tab is hidden. */
  async #yieldTo(requester: string): Promise<void> {
    if (!this.#election.owner || this.#yielding !== undefined || document.visibilityState === 'visible') return;
    this.#yielding = setTimeout(() => {
      // Nobody took over: keep the conversation connected here.
      this.#yielding = undefined;
      if (this.#election.owner) this.#listener.becameOwner();
    }, takeoverMs);
    await this.#listener.becameFollower();
    this.#post({ type: 'yielded', to: requester });
  }

  /**
   * Steps down. `closeFirst` (the page is leaving): the lock is released once the socket has
   * closed (the transport gives it at most 1 s), so that the next owner's connection never
   * overlaps this one on the server; a page that dies first releases it as it goes. A page
   * being frozen releases it at once: it may not run again to do it later.
   */
  async #goAway({ closeFirst = false } = {}): Promise<void> {
    if (this.#away) return;
    this.#away = true;
    clearTimeout(this.#yielding);
    this.#yielding = undefined;
    const wasOwner = this.#election.owner;
    const closed = wasOwner ? this.#listener.becameFollower() : Promise.resolve();
    if (closeFirst) await closed;
    // Back meanwhile (`pageshow`): it competes again instead.
    if (this.#away) this.#election.withdraw();
    await closed;
  }

  #comeBack(): void {
    if (!this.#away) return;
    this.#away = false;
    this.#election.compete();
    this.#listener.arrived();
  }

  #visibilityChanged(): void {
    if (document.visibilityState !== 'visible') return;
    this.#markFocused();
    this.#askHiddenOwner();
  }

  #focused(): void {
    this.#markFocused();
    this.#askHiddenOwner();
  }

  #markFocused(): void {
    this.#focus.markFocused(this.tabId);
    this.#post({ type: 'focused' });
  }

  /**
   * A frozen or wedged owner keeps the lock but answers nothing (a real freeze fires
   * `freeze`, which steps the owner down; a page stopped from outside does not). A visible
   * follower notices the silence and takes over; the old owner, if it ever runs again,
   * finds its lock stolen and closes its socket.
   */
  #checkOwner(): void {
    const owner = this.#ownerId;
    if (this.#election.owner || this.#away || !owner || owner === this.tabId || document.visibilityState !== 'visible') {
      this.#awaitingPong = false;
      this.#missedPings = 0;
      return;
    }
    if (this.#awaitingPong) this.#missedPings += 1;
    if (this.#missedPings >= missedPingsBeforeSteal) {
      this.#missedPings = 0;
      this.#awaitingPong = false;
      this.#ownerId = undefined;
      return this.#election.steal();
    }
    this.#awaitingPong = true;
    this.#post({ type: 'ping', to: owner });
  }

  /** Brought to the front while the owner is hidden: ask it for the connection, and take it if it does not answer. */
  #askHiddenOwner(): void {
    const owner = this.#ownerId;
    if (this.#election.owner || this.#away || !owner || owner === this.tabId || this.#ownerVisible || this.#yieldWatch) return;
    this.#post({ type: 'yield-request', to: owner });
    this.#yieldWatch = setTimeout(() => {
      this.#yieldWatch = undefined;
      if (!this.#election.owner) this.#election.steal();
    }, yieldAnswerMs);
  }
}
