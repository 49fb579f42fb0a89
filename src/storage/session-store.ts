import { errorText } from '../base/error-text.js';
import { CookieAdapter } from './adapters/cookie-adapter.js';
import type { SessionHooks } from './adapters/hooks-adapter.js';
import { hooksAdapter } from './adapters/hooks-lazy.js';
import { IndexedDbAdapter } from './adapters/indexeddb-adapter.js';
import { LocalStorageAdapter } from './adapters/local-storage-adapter.js';
import { MemoryAdapter } from './adapters/memory-adapter.js';
import {
  decodeCache,
  decodeSessionRecord,
  encodeCache,
  encodeSessionRecord,
  endedMarker,
  endedMarkerPrefix,
  heldByHubMarker,
  type ConversationCache,
  type SessionRecord,
} from './session-record.js';
import { within } from '../base/time-limit.js';
import { shortHash } from './short-hash.js';
import { StorageChain } from './storage-chain.js';
import type { AdapterName, StorageAdapter, StorageError } from './storage-adapter.js';
import type { Persistence } from '../config/storage-config.js';

export type StorageMode = 'auto' | AdapterName;
/** A no the visitor gave, remembered across pages. */
export type VisitorFlag = 'closedAutoOpen' | 'declinedInvitation';
const visitorFlags: readonly VisitorFlag[] = ['closedAutoOpen', 'declinedInvitation'];
export type ConsentState = 'granted' | 'pending' | 'denied';
/** `shared`: readable on the site's sub-domains; `session-only`: gone when the browser closes. */
export type StorageScope = 'shared' | 'persistent' | 'session-only' | 'memory';

export interface StorageStatus {
  /** Where the session record (the visitor's identity) is kept. */
  readonly adapter: AdapterName;
  readonly scope: StorageScope;
  /** Where the transcript cache and outbox are kept. */
  readonly cacheAdapter: AdapterName;
}

export interface SessionStoreOptions {
  name: string;
  deploymentId: string;
  mode: StorageMode;
  cookieDomain: 'auto' | 'none' | string;
  consent: ConsentState;
  /** How long the conversation is kept (`session` when not given). */
  persist?: Persistence | undefined;
  /**
   * The page's signed-in user (`auth`), or undefined where the page has no sign-in: a
   * signed-in conversation stored here is shown only to the same user (`user`, when the page
   * names one), and never on a page without a sign-in.
   */
  signedIn?: { readonly user: unknown } | undefined;
  /** The site's own hub holds the session for its sub-domains: the shared cookie says only that (`heldByHubMarker`). */
  hubOnSite?: boolean | undefined;
  hooks?: SessionHooks | undefined;
  hostname: string;
  secure: boolean;
  probeTimeoutMs?: number;
}

export interface SessionStoreListener {
  statusChanged(status: StorageStatus): void;
  /** A store failed and another took over; said once per store. */
  degraded(message: string): void;
}

interface Chains {
  /** Every place the record is written to (the cookie and its localStorage mirror, in `auto`). */
  record: Array<{ chain: StorageChain; key: string }>;
  cache: StorageChain;
}

/**
 * The widget's only door to storage. It writes nothing until the visitor engages (or a
 * session exists) and consent allows it; until then it keeps everything in memory, and
 * moves it to the real stores the moment it may.
 */
export class SessionStore {
  readonly #options: SessionStoreOptions;
  readonly #listener: SessionStoreListener;
  readonly #keys: { record: string; cookie: string; cache: string; flags: string; prefix: string; alive: string; files: string; auth: string };
  /** A host-only session cookie that says this browser session has written here (`persist="session"`). */
  readonly #alive: CookieAdapter;
  readonly #flags = new Set<VisitorFlag>();
  readonly #staged = new MemoryAdapter();
  readonly #cookie: CookieAdapter;
  readonly #reported = new Set<string>();
  /** The storage hub (an `IframeAdapter`, once its code has arrived and it may be used): see `useHub`. */
  #hub: Promise<StorageAdapter | undefined> | undefined;
  #hubUsable: Promise<StorageAdapter | undefined> | undefined;
  #found: (found: boolean) => void = () => {};
  /** Whether `restore()` found a conversation stored on this site (resolved once it has looked). */
  readonly found = new Promise<boolean>((resolve) => (this.#found = resolve));
  #consent: ConsentState;
  #engaged = false;
  #chains: Chains | undefined;
  #status: StorageStatus = { adapter: 'memory', scope: 'memory', cacheAdapter: 'memory' };
  #writes: Promise<unknown> = Promise.resolve();

  constructor(options: SessionStoreOptions, listener: SessionStoreListener) {
    this.#options = options;
    this.#listener = listener;
    this.#consent = options.consent;
    const base = `persistent-chat:${options.name}:${options.deploymentId}`;
    const cookie = `pchat_${shortHash(base)}`;
    this.#keys = { record: `${base}:session`, cache: `${base}:cache`, cookie, flags: `${base}:flags`, prefix: `${base}:`, alive: `${cookie}_s`, files: `${base}:files`, auth: `${base}:auth` };
    const { hostname, secure, persist } = options;
    const maxAgeSeconds = persist?.kind === 'days' ? persist.days * 86_400 : undefined;
    this.#cookie = new CookieAdapter({ domain: options.cookieDomain, hostname, secure, maxAgeSeconds });
    this.#alive = new CookieAdapter({ domain: 'none', hostname, secure });
  }

  get status(): StorageStatus {
    return this.#status;
  }

  get consent(): ConsentState {
    return this.#consent;
  }

  /** Whether anything may be written now: consent is granted, the visitor engaged (or a session exists), and the page keeps more than memory. */
  get mayWrite(): boolean {
    return this.#consent === 'granted' && this.#engaged && this.#options.mode !== 'memory';
  }

  /**
   * Where the visitor's unsent files may be kept (one IndexedDB key, by attachment id): only where the
   * conversation cache itself goes to IndexedDB, so consent, `persist` and `storage` rule
   * both alike. Undefined: the files stay in memory, with the page.
   */
  get fileShelf(): string | undefined {
    return this.mayWrite && this.#status.cacheAdapter === 'indexeddb' ? this.#keys.files : undefined;
  }

  /**
   * The storage hub: the session record is copied there, for the organisation's other sites.
   * Given only once the hub may be used (see `ChatSession`), and never while a restore that
   * decides it is still running.
   */
  useHub(hub: Promise<StorageAdapter | undefined>): void {
    this.#hub = hub;
  }

  /** Reads a session left by an earlier page, writing nothing; the cache is read only if a session exists. */
  async restore(): Promise<{ record?: SessionRecord; cache?: ConversationCache }> {
    const restored = await this.#restore().catch(() => ({}));
    this.#found('record' in restored || (await this.storedOnSite()));
    return restored;
  }

  async #restore(): Promise<{ record?: SessionRecord; cache?: ConversationCache }> {
    if (this.#consent === 'denied') {
      await this.#erasePersistent({ everything: true });
      return {};
    }
    await this.#forgetEarlierBrowserSessions();
    const record = await this.#readRecord();
    if (!record) return {};
    if ((await this.#endedElsewhere()) || (await this.#idleTooLong(record))) return {};
    this.#engaged = true;
    this.#cookie.prepare();
    await this.#staged.set(this.#keys.record, encodeSessionRecord(record));
    let cache: ConversationCache | undefined;
    if (this.#consent === 'granted') {
      const chain = this.#chainsNow().cache;
      // Read side by side: whose sign-in this is (if any) costs no extra wait.
      const [raw, signedIn] = await Promise.all([chain.get(this.#keys.cache).catch(() => undefined), this.#signedInHere()]);
      if (!signedIn) {
        // Another user's (or, on a page without sign-in, a signed-in user's) conversation: erased before anything shows.
        await this.#staged.delete(this.#keys.record);
        await this.#erasePersistent({ onlyConversation: true });
        return {};
      }
      cache = decodeCache(raw);
      if (raw && !cache) this.#degrade('cache', 'the stored conversation could not be read and was discarded');
      // Another session's transcript (ended here, or replaced from another sub-domain) is never shown with this one.
      if (cache?.owner !== undefined && cache.owner !== shortHash(record.token)) {
        cache = undefined;
        await chain.deleteEverywhere(this.#keys.cache).catch(() => {});
      }
      await this.#updateStatus();
    }
    return cache ? { record, cache } : { record };
  }

  /**
   * The session record the hub holds, left there by a page on another of the organisation's
   * sites. Read after the page has shown what it has itself: the hub never holds up the chat.
   */
  async readHubRecord(): Promise<SessionRecord | undefined> {
    const hub = this.#consent === 'granted' ? await this.#hubReady() : undefined;
    const record = decodeSessionRecord(await hub?.get(this.#keys.record).catch(() => undefined));
    // Ended on a sub-domain whose page could not reach the hub, or idle too long: erased there too, never continued.
    if (!record || !((await this.#cookie.get(this.#keys.cookie)) === endedMarker(record.token) || this.#idle(record))) return record;
    await hub!.delete(this.#keys.record).catch(() => {});
    return undefined;
  }

  /** Keeps a copy of the session this page follows (a tab of another sub-domain holds it), where this origin holds none of it. */
  async keepCopy(record: SessionRecord): Promise<void> {
    if ((await this.#readRecord())?.token !== record.token) await this.saveRecord(record).catch(() => {});
  }

  /** Whether the session record goes into a cookie that the site's other sub-domains read. */
  get sharedWithSubdomains(): boolean {
    const { mode } = this.#options;
    // From the setting, not the cookie-domain probe: that writes a test cookie.
    return (mode === 'auto' || mode === 'cookie') && this.#options.cookieDomain !== 'none';
  }

  /** Whether a page on the site (this one or another sub-domain) has stored a conversation: the shared cookie holds it, or says the hub does. */
  async storedOnSite(): Promise<boolean> {
    if (this.#consent !== 'granted' || !this.sharedWithSubdomains) return false;
    const raw = await within(this.#cookie.get(this.#keys.cookie), this.#limitMs, undefined).catch(() => undefined);
    return raw === heldByHubMarker || decodeSessionRecord(raw) !== undefined;
  }

  /** Takes over a session from the hub: this page's own record and cache (of another session) are replaced. */
  adoptRecord(record: SessionRecord): Promise<void> {
    this.#engaged = true;
    return this.#serial(async () => {
      await this.#staged.delete(this.#keys.cache);
      if (this.#consent === 'granted') await this.#chainsNow().cache.deleteEverywhere(this.#keys.cache);
    }).then(() => this.saveRecord(record));
  }

  saveRecord(record: SessionRecord): Promise<void> {
    this.#engaged = true;
    return this.#write(this.#keys.record, encodeSessionRecord(record), 'record');
  }

  saveCache(cache: ConversationCache): Promise<void> {
    return this.#write(this.#keys.cache, encodeCache(cache), 'cache');
  }

  /**
   * The signed-in visitor's tokens (`auth/signed-in-tokens.ts`: their user's id, a line
   * break, then the rest), kept where the transcript cache is (consent and `persist` apply;
   * never in a cookie), and erased with the conversation.
   */
  async readAuth(): Promise<string | undefined> {
    // Where it is stored, another tab may have refreshed it: read there first.
    return (this.mayWrite ? await this.#chainsNow().cache.get(this.#keys.auth).catch(() => undefined) : undefined) ?? this.#staged.get(this.#keys.auth);
  }

  saveAuth(value: string): Promise<void> {
    return this.#write(this.#keys.auth, value, 'cache');
  }

  /** Whether the conversation stored here may be shown on this page (see `signedIn`). */
  async #signedInHere(): Promise<boolean> {
    const stored = await within(this.#chainsNow().cache.get(this.#keys.auth), this.#limitMs, undefined).catch(() => {});
    const page = this.#options.signedIn;
    return !stored || (!!page && (typeof page.user !== 'string' || stored.startsWith(`${page.user}\n`)));
  }

  /** What the visitor said no to on an earlier page, read without writing anything. */
  async readFlags(): Promise<ReadonlySet<VisitorFlag>> {
    if (this.#consent !== 'denied') {
      const raw = await new LocalStorageAdapter().get(this.#keys.flags).catch(() => undefined);
      for (const flag of raw?.split(',') ?? []) if (visitorFlags.includes(flag as VisitorFlag)) this.#flags.add(flag as VisitorFlag);
    }
    return this.#flags;
  }

  /**
   * Remembers a no (closing an auto-opened chat, dismissing the teaser) even without a
   * session: the visitor acted on the widget. Kept in memory unless consent is granted.
   */
  async saveFlag(flag: VisitorFlag): Promise<void> {
    this.#flags.add(flag);
    if (this.#consent !== 'granted' || this.#options.mode === 'memory') return;
    await new LocalStorageAdapter().set(this.#keys.flags, [...this.#flags].join(',')).catch(() => undefined);
  }

  /**
   * Forgets this widget's session everywhere. Where the record was shared with the site's
   * sub-domains (the cookie), an ended marker takes its place, so that they erase their
   * copies on their next load instead of bringing the chat back.
   */
  clear(): Promise<void> {
    return this.#serial(async () => {
      const ended = decodeSessionRecord(await this.#staged.get(this.#keys.record));
      await this.#staged.delete(this.#keys.record);
      await this.#staged.delete(this.#keys.cache);
      await this.#staged.delete(this.#keys.auth);
      await this.#erasePersistent();
      if (ended) await this.#leaveEndedMarker(ended.token);
    });
  }

  /**
   * With `persist="session"`, nothing outlives the browser session. The session record's
   * cookie is itself a session cookie: without it (a new browser session, or a chat ended
   * elsewhere), what this origin's persistent stores hold is erased. Stores kept without
   * that cookie (`local`, `indexeddb`, `iframe`) are checked against a host-only session
   * cookie of their own (`…_s=1`), written with their first write.
   */
  async #forgetEarlierBrowserSessions(): Promise<void> {
    if (!this.#sessionBound) return;
    const [cookie, key] = this.#recordCookieIsStamp ? [this.#cookie, this.#keys.cookie] : [this.#alive, this.#keys.alive];
    const stamp = await within(cookie.get(key), this.#limitMs, undefined).catch(() => undefined);
    if (stamp) return;
    // Only where something of ours was left (its localStorage keys; IndexedDB alone for that mode), so that a first visit opens nothing.
    const left = localKeysStartingWith(this.#keys.prefix).length > 0 || this.#options.mode === 'indexeddb';
    // The conversation only: the visitor's noes (`:flags`) and the tabs' records stay.
    if (left) await this.#erasePersistent({ keepCookie: true, keepHub: true, onlyConversation: true });
  }

  /**
   * Whether the record's own (session) cookie says this browser session wrote here. Not where
   * the site's hub holds the session: the shared cookie then says only that, and a page on
   * another sub-domain writing it in a new browser session must not keep this origin's old copy alive.
   */
  get #recordCookieIsStamp(): boolean {
    const { mode, hubOnSite } = this.#options;
    return (mode === 'auto' && !hubOnSite) || mode === 'cookie';
  }

  /** Whether what this store keeps must not outlive the browser session (the site's hooks decide for themselves). */
  get #sessionBound(): boolean {
    const { persist, mode } = this.#options;
    return (!persist || persist.kind === 'session') && mode !== 'hooks' && mode !== 'memory';
  }

  /** With `persist="days:N"`, a conversation with no activity for N days is erased on read. */
  async #idleTooLong(record: SessionRecord): Promise<boolean> {
    if (!this.#idle(record)) return false;
    // The hub's copy has a lifetime of its own (the same N days since its last write).
    await this.#erasePersistent({ keepHub: true });
    return true;
  }

  #idle(record: SessionRecord): boolean {
    const { persist } = this.#options;
    return persist?.kind === 'days' && record.answeredAt !== undefined && Date.now() - record.answeredAt > persist.days * 86_400_000;
  }

  async #leaveEndedMarker(token: string): Promise<void> {
    const { mode } = this.#options;
    if ((mode !== 'auto' && mode !== 'cookie') || !this.#engaged || this.#consent !== 'granted' || (await this.#cookie.domain()) === undefined) return;
    await within(this.#cookie.set(this.#keys.cookie, endedMarker(token)), this.#limitMs, undefined).catch(() => {});
  }

  /**
   * Whether the session this origin still holds was ended on another sub-domain: the shared
   * cookie carries an ended marker (its own, or a later chat's: a live session would be in
   * the cookie instead). Its copies here are erased, and it is not restored.
   */
  async #endedElsewhere(): Promise<boolean> {
    const { mode } = this.#options;
    if (mode !== 'auto' && mode !== 'cookie') return false;
    const shared = await within(this.#cookie.get(this.#keys.cookie), this.#limitMs, undefined).catch(() => undefined);
    if (!shared?.startsWith(endedMarkerPrefix)) return false;
    // The page that ended it erased the hub's copy.
    await this.#erasePersistent({ keepCookie: true, keepHub: true });
    this.#engaged = false;
    return true;
  }

  async setConsent(consent: ConsentState): Promise<void> {
    if (consent === this.#consent) return;
    this.#consent = consent;
    if (consent === 'denied') return this.#serial(() => this.#erasePersistent({ everything: true })).then(() => this.#setStatus(memoryStatus));
    if (consent === 'granted' && this.#engaged) {
      // Everything kept in memory while consent was pending moves to the real stores.
      for (const [key, value] of this.#staged.entries()) await this.#write(key, value, key === this.#keys.record ? 'record' : 'cache');
    }
  }

  #write(key: string, value: string, kind: 'record' | 'cache'): Promise<void> {
    return this.#serial(async () => {
      await this.#staged.set(key, value);
      if (this.#consent !== 'granted' || !this.#engaged) return;
      const chains = this.#chainsNow();
      // Looked at on each write: another tab may have erased it.
      if (this.#sessionBound && !this.#recordCookieIsStamp && !(await this.#alive.get(this.#keys.alive))) {
        await within(this.#alive.set(this.#keys.alive, '1'), this.#limitMs, undefined).catch(() => {});
      }
      if (kind === 'record') {
        const marker = this.#options.hubOnSite ? within(this.#cookie.set(this.#keys.cookie, heldByHubMarker), this.#limitMs, undefined).catch(() => {}) : undefined;
        await Promise.all([...chains.record.map(({ chain, key: recordKey }) => chain.set(recordKey, value)), this.#copyToHub(value), marker]);
      }
      else await chains.cache.set(key, value);
      await this.#updateStatus();
    });
  }

  /**
   * The hub, once its code has arrived and it has answered, if it can share the session
   * across sites. Probed once: a hub that cannot is not written to at all.
   */
  #hubReady(): Promise<StorageAdapter | undefined> {
    this.#hubUsable ??= Promise.resolve(this.#hub).then((hub) =>
      hub?.probe().then(
        () => hub,
        () => undefined,
      ),
    );
    return this.#hubUsable;
  }

  async #copyToHub(value: string): Promise<void> {
    const hub = await this.#hubReady();
    await hub?.set(this.#keys.record, value).catch((error: unknown) => {
      this.#degrade('iframe-write', `${errorText(error)}; the session stays on this site only`);
    });
  }

  async #readRecord(): Promise<SessionRecord | undefined> {
    const { mode } = this.#options;
    const sources: Array<[StorageAdapter, string]> =
      mode === 'iframe'
        ? [[new LocalStorageAdapter(), this.#keys.record]]
        : mode === 'auto'
        ? [[this.#cookie, this.#keys.cookie], [new LocalStorageAdapter(), this.#keys.record]]
        : mode === 'cookie'
          ? [[this.#cookie, this.#keys.cookie]]
          : [[this.#adapter(mode), this.#keys.record]];
    for (const [adapter, key] of sources) {
      const raw = await within(adapter.get(key), this.#limitMs, undefined).catch(() => undefined);
      const record = decodeSessionRecord(raw);
      if (record) return record;
      if (raw?.startsWith(endedMarkerPrefix) || raw === heldByHubMarker) continue;
      if (raw) this.#degrade(`${adapter.name}-record`, `the session record in ${adapter.name} storage could not be read and was ignored`);
    }
    return undefined;
  }

  /** Builds the chains for the `storage` mode; probing happens on their first use. */
  #chainsNow(): Chains {
    if (this.#chains) return this.#chains;
    const { mode } = this.#options;
    const probeTimeoutMs = this.#limitMs;
    const memory = new MemoryAdapter();
    const listener = { fellBack: (from: StorageAdapter, to: StorageAdapter, error: StorageError) => this.#degrade(from.name, `${error.message}; using ${to.name} storage instead`) };
    const chain = (...adapters: StorageAdapter[]) => new StorageChain([...adapters, memory], probeTimeoutMs, listener);
    const inCookie = { chain: chain(this.#cookie), key: this.#keys.cookie };
    if (mode === 'auto') {
      const mirror = { chain: chain(new LocalStorageAdapter()), key: this.#keys.record };
      // With the site's own hub, the token stays out of the cookie that every sub-domain reads.
      this.#chains = { record: this.#options.hubOnSite ? [mirror] : [inCookie, mirror], cache: chain(new IndexedDbAdapter(), new LocalStorageAdapter()) };
    } else if (mode === 'iframe') {
      // The hub holds the record for the other sites (see #copyToHub); this site keeps its own copy.
      this.#chains = { record: [{ chain: chain(new LocalStorageAdapter()), key: this.#keys.record }], cache: chain(new IndexedDbAdapter(), new LocalStorageAdapter()) };
    } else if (mode === 'cookie') {
      // Message text never goes into a cookie: with cookie storage alone, the cache stays in memory.
      this.#chains = { record: [inCookie], cache: new StorageChain([memory], probeTimeoutMs, listener) };
    } else {
      const single = chain(this.#adapter(mode));
      this.#chains = { record: [{ chain: single, key: this.#keys.record }], cache: single };
    }
    return this.#chains;
  }

  #adapter(name: AdapterName): StorageAdapter {
    switch (name) {
      case 'cookie':
        return this.#cookie;
      case 'local':
        return new LocalStorageAdapter();
      case 'indexeddb':
        return new IndexedDbAdapter();
      case 'hooks':
        return hooksAdapter(this.#options.hooks!);
      case 'memory':
        return new MemoryAdapter();
      case 'iframe':
        return new LocalStorageAdapter();
    }
  }

  async #updateStatus(): Promise<void> {
    const chains = this.#chainsNow();
    const recordAdapters = await Promise.all(chains.record.map(({ chain }) => chain.current()));
    const cacheAdapter = (await chains.cache.current()).name;
    const holder = recordAdapters.find((adapter) => adapter.name !== 'memory');
    if (!holder) return this.#setStatus({ ...memoryStatus, cacheAdapter });
    const shared = holder.capabilities.sharedAcrossSubdomains;
    const persistent = recordAdapters.some((adapter) => adapter.capabilities.persistent);
    const scope: StorageScope = shared ? 'shared' : persistent ? 'persistent' : 'session-only';
    this.#setStatus({ adapter: holder.name, scope, cacheAdapter });
  }

  #setStatus(status: StorageStatus): void {
    const previous = this.#status;
    if (previous.adapter === status.adapter && previous.scope === status.scope && previous.cacheAdapter === status.cacheAdapter) return;
    this.#status = status;
    this.#listener.statusChanged(status);
  }

  async #erasePersistent({ keepCookie = false, keepHub = false, onlyConversation = false, everything = false } = {}): Promise<void> {
    const conversation = [this.#keys.record, this.#keys.cache, this.#keys.auth];
    const adapters: Array<[StorageAdapter, string[]]> = [
      [this.#cookie, keepCookie ? [] : [this.#keys.cookie]],
      // With consent denied, the browser-session stamp goes too.
      [this.#alive, everything ? [this.#keys.alive] : []],
      // Every key of this widget (the record, cache and flags, and the tabs' focus record), or the conversation's.
      [new LocalStorageAdapter(), onlyConversation ? conversation : localKeysStartingWith(this.#keys.prefix)],
    ];
    // Each step has a time limit: a store that hangs must not keep the others from being erased, nor block later saves.
    const limit = this.#limitMs;
    // With the conversation go the files it had not sent.
    if (await within(IndexedDbAdapter.exists(), limit, true)) adapters.push([new IndexedDbAdapter(), [...conversation, this.#keys.files]]);
    if (this.#options.mode === 'hooks' && this.#options.hooks) adapters.push([hooksAdapter(this.#options.hooks), conversation]);
    const hub = keepHub ? undefined : await within(this.#hubReady(), limit, undefined);
    if (hub) adapters.push([hub, [this.#keys.record]]);
    await Promise.all(adapters.flatMap(([adapter, keys]) => keys.map((key) => within(adapter.delete(key), limit, undefined).catch(() => {}))));
    this.#chains = undefined;
  }

  #degrade(topic: string, message: string): void {
    if (this.#reported.has(topic)) return;
    this.#reported.add(topic);
    this.#listener.degraded(message);
  }

  /**
   * Runs `task` after the ones before it. The queue waits for each at most a few store time
   * limits: a task stuck on a store that never answers must not hold up the ones after it.
   */
  #serial(task: () => Promise<void>): Promise<void> {
    const next = this.#writes.then(task, task);
    this.#writes = within(next, this.#limitMs * 4, undefined).catch(() => {});
    return next;
  }

  /** How long any one store may take to answer. */
  get #limitMs(): number {
    return this.#options.probeTimeoutMs ?? 1500;
  }
}

const memoryStatus: StorageStatus = { adapter: 'memory', scope: 'memory', cacheAdapter: 'memory' };

/** What the conversation needs of the store. */
export type ConversationStorage = Pick<SessionStore, 'restore' | 'saveRecord' | 'saveCache' | 'clear' | 'adoptRecord'>;

function localKeysStartingWith(prefix: string): string[] {
  try {
    return Object.keys(localStorage).filter((key) => key.startsWith(prefix));
  } catch {
    return [];
  }
}
