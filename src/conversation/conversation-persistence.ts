import { errorText } from '../base/error-text.js';
import { newSessionRecord, type ConversationCache, type SessionRecord } from '../storage/session-record.js';
import type { ConversationStorage } from '../storage/session-store.js';
import { shortHash } from '../storage/short-hash.js';
import type { ChatMessage } from '../base/chat-message.js';
import type { DeploymentFeatures } from '../base/deployment-features.js';
import type { OutboxEntry } from './outbox.js';

/** Messages kept in the cache for showing the transcript before the network answers. */
const cachedMessages = 200;

/** The cache record of a conversation: its newest settled messages, what waits to be sent, and the cursors. */
export function cacheOf(
  messages: readonly ChatMessage[],
  outbox: readonly OutboxEntry[],
  draft: string,
  cursors: { lastReadId: string | undefined; sentAttributes: string | undefined; features?: DeploymentFeatures | undefined },
): ConversationCache {
  const settled = messages.filter((message) => message.delivery !== 'sending' && message.delivery !== 'failed');
  const lastSeenId = settled.at(-1)?.id;
  return {
    messages: settled.slice(-cachedMessages),
    // The page's attributes are not kept at rest: they are taken from the page again when the message is sent.
    // Nor are the files: a Blob has no JSON. They are kept apart, where they may be (`uploads/kept-files.ts`).
    outbox: outbox.map(({ attributes: _attributes, files, ...entry }) => (files ? { ...entry, files: files.filter((file) => file instanceof Object).map(({ blob: _blob, ...file }) => file) } : entry)),
    draft,
    ...(cursors.lastReadId ? { lastReadId: cursors.lastReadId } : {}),
    ...(lastSeenId ? { lastSeenId } : {}),
    ...(cursors.sentAttributes ? { sentAttributes: cursors.sentAttributes } : {}),
    ...(cursors.features ? { features: cursors.features } : {}),
  };
}

/** How long cache writes are gathered before one goes out. */
const cacheDelayMs = 25;

/**
 * Keeps the session record and the conversation cache in step with the conversation:
 * record changes are written at once, cache changes gathered into one write.
 */
export class ConversationPersistence {
  #record: SessionRecord | undefined;
  /** Changes made before the session existed (the panel opened while storage was still being read). */
  #early: Partial<Omit<SessionRecord, 'token'>> = {};
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly storage: ConversationStorage,
    private readonly currentCache: () => ConversationCache,
    private readonly failed: (message: string) => void,
  ) {}

  get record(): SessionRecord | undefined {
    return this.#record;
  }

  async restore(): Promise<{ record?: SessionRecord; cache?: ConversationCache }> {
    const restored = await this.storage.restore();
    this.#record = restored.record && { ...restored.record, ...this.#early };
    if (restored.record) this.#early = {};
    return restored;
  }

  /** A new session: its record is the first thing written. */
  begin(token: string): void {
    this.#record = { ...newSessionRecord(token), ...this.#early };
    this.#early = {};
    this.#save(this.storage.saveRecord(this.#record));
  }

  /** A session that began elsewhere (the hub, or the store this conversation replaces): its record is saved here. */
  carry(record: SessionRecord): void {
    this.#record = { ...record, ...this.#early };
    this.#early = {};
    this.#save(this.storage.adoptRecord(this.#record));
  }

  /** The record as the tab that holds the connection keeps it: known here, not written (that tab writes it). */
  mirror(record: SessionRecord): void {
    // How the panel is, every tab hears at once (`session/shared-panel.ts`): the owner's record may be older.
    const panel = this.#record && { open: this.#record.open, unread: this.#record.unread };
    this.#record = { ...record, ...panel, ...this.#early };
    this.#early = {};
  }

  /** The session ended elsewhere (the tab that holds the connection erased it): forget it here, writing nothing. */
  release(): void {
    this.#record = undefined;
  }

  update(change: Partial<Omit<SessionRecord, 'token'>>): void {
    if (!this.#record) {
      this.#early = { ...this.#early, ...change };
      return;
    }
    const next = { ...this.#record, ...change };
    if (Object.keys(change).every((key) => next[key as keyof SessionRecord] === this.#record![key as keyof SessionRecord])) return;
    this.#record = next;
    this.#save(this.storage.saveRecord(next));
  }

  cacheChanged(): void {
    if (!this.#record || this.#timer !== undefined) return;
    this.#timer = setTimeout(() => this.flush(), cacheDelayMs);
  }

  /** Writes the cache now (the outbox must not wait: a reload may follow). */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    // Bound to its session: a cache read back with another session's record is discarded.
    if (this.#record) this.#save(this.storage.saveCache({ ...this.currentCache(), owner: shortHash(this.#record.token) }));
  }

  forget(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    // The panel stays as it is: a new chat started in it is remembered open, as the old one was.
    const open = this.#record?.open ?? this.#early.open;
    this.#early = open ? { open } : {};
    this.#record = undefined;
    this.#save(this.storage.clear());
  }

  dispose(): void {
    if (this.#timer !== undefined) this.flush();
  }

  #save(write: Promise<void>): void {
    write.catch((error: unknown) => this.failed(`could not save the conversation: ${errorText(error)}`));
  }
}
