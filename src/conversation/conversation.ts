import { errorText } from '../base/error-text.js';
import { randomId } from '../base/random-id.js';
import { endpointSync, type EndpointSync } from '../attributes/endpoint-sync.js';
import type { ConversationCache, SessionRecord } from '../storage/session-record.js';
import type { SessionResponseBody } from '../transport/guest-api-frames.js';
import type { ChatMessage } from '../base/chat-message.js';
import type { DeploymentFeatures } from '../base/deployment-features.js';
import { OwnerView, type ConversationPeers, type SharedStatus } from './conversation-peers.js';
import type { ConversationHandover, ConversationListener, ConversationOptions, ConversationSnapshot } from './conversation-types.js';
import { cacheOf, ConversationPersistence } from './conversation-persistence.js';
import type { ServerEvent } from './normalize-message.js';
import { ChatEnding, notice, type NoticeKind } from './notices.js';
import { OutgoingAttributes } from './outgoing-attributes.js';
import { Delivery } from './delivery.js';
import type { OutboxEntry, SendOutcome } from './outbox.js';
import { filesNow, sendingMessageOf, type OutgoingFile } from '../base/outbox-entry.js';
import type { TransportAuth } from '../transport/guest-api-transport.js';
import { ServerLink } from './server-link.js';
import { Transcript } from './transcript.js';

export type { ConversationHandover, ConversationListener, ConversationOptions, ConversationProblem, ConversationProblemCode, ConversationSnapshot } from './conversation-types.js';

/**
 * One visitor's conversation: the model behind the element, with no UI in it. The tab
 * that holds the connection is *linked*: it talks to the server and tells the other tabs;
 * the others show what it tells them and hand it what the visitor writes.
 */
export class Conversation {
  readonly #persistence: ConversationPersistence;
  readonly #listener: ConversationListener;
  readonly #server: ServerLink;
  readonly #peers: ConversationPeers | undefined;
  readonly #transcript = new Transcript();
  readonly #delivery: Delivery;
  readonly #lifetime = new AbortController();
  #linked: boolean;
  readonly #owner = new OwnerView();
  #token: string | undefined;
  #readOnly = false;
  #draft = '';
  #lastReadId: string | undefined;
  readonly #attributes: OutgoingAttributes;
  #asyncChat: boolean;
  readonly #ending: ChatEnding;
  /** False while `start()` reads storage: a session must not be created before we know there is none. */
  #restored = true;
  /** False while a storage hub may still hand over the visitor's conversation from another site. */
  #newSessionAllowed: boolean;
  /** A hand-off arrived: no session connects before it has been looked at. */
  readonly #holdEvery: boolean;
  /** The visitor engaged before a session could start: start it as soon as it may. */
  #activateWhenAllowed = false;
  /** The session this tab asked the tab holding the connection for, until it has one. */
  #askedFor: string | undefined;
  /** The visitor ended the chat before it could be ended: done as soon as it can be. */
  #endRequested = false;
  /** What the conversation this one replaces left, until the restore has taken it in. */
  #inherit: ConversationHandover | undefined;
  #snapshot: ConversationSnapshot | undefined;
  #published = '';
  /** What the deployment allows: read by the connection, kept with the cache for the next page. */
  #features: DeploymentFeatures | undefined;
  /** The visitor started a new chat after the agent ended the last: that end is not shown as an ended chat. */
  #dismissNextEnd = false;
  /** Messages the server refused, kept for "Try again" (in memory: the failed message is not stored either). */
  readonly #refused = new Map<string, OutboxEntry>();
  /** Set a few minutes before the session expires, until the visitor writes. */
  #expiresAt: number | undefined;

  constructor(options: ConversationOptions, listener: ConversationListener) {
    this.#listener = listener;
    this.#peers = options.peers;
    this.#linked = !options.peers;
    this.#asyncChat = options.asyncChat ?? false;
    this.#ending = new ChatEnding(this.#asyncChat);
    this.#inherit = options.inherit;
    this.#newSessionAllowed = !options.holdNewSession;
    this.#holdEvery = !!options.holdEverySession;
    const endpoint = this.#endpointSync(options.attributesEndpoint);
    // The fingerprint goes into the session record, which is written at once (cookie and
    // localStorage): a reload right after the acknowledgement must not send the set again.
    this.#attributes = new OutgoingAttributes(options.pageContext ?? (() => ({})), endpoint, (sentAttributes) =>
      this.#persistence.update({ sentAttributes }),
    );
    this.#persistence = new ConversationPersistence(options.storage, () => this.#cache(), (message) => this.#listener.warn(message));
    // The last changes must reach storage before the page goes (a navigation, a reload).
    globalThis.addEventListener?.('pagehide', () => this.#persistence.flush(), { signal: this.#lifetime.signal });
    this.#server = new ServerLink(options.config, options.transport, this.#attributes, {
      stateChanged: (state) => {
        if (state !== 'connected') this.#delivery.pause();
        this.#changed();
      },
      configured: (session) => this.#configured(session),
      features: (features) => {
        this.#features = features;
        this.#changed();
      },
      expiring: (expiresAt) => {
        this.#expiresAt = expiresAt;
        this.#changed();
      },
      events: (events) => this.#apply(events, { live: true }),
      sessionEnded: (kind) => this.#sessionEnded(kind),
      loggedOut: () => this.#listener.loggedOut(),
      transcript: () => this.#transcript.messages(),
      failed: (failure) => this.#listener.problem(failure),
      warn: (message) => this.#listener.warn(message),
    });
    this.#delivery = new Delivery(
      (entry) => this.#sendOnce(entry),
      (entry, reason) => this.#rejected(entry, reason),
      options.messagesPerSecond ?? 2,
    );
    if (options.inherit) this.#queueInherited(options.inherit);
  }

  get snapshot(): ConversationSnapshot {
    const linked = this.#linked;
    this.#snapshot ??= {
      connection: linked ? this.#server.state : this.#owner.connection(this.#token !== undefined),
      elsewhere: !linked,
      messages: this.#transcript.messages(),
      agentTyping: linked ? this.#server.agentTyping : this.#owner.status?.typing,
      hasSession: this.#token !== undefined,
      readOnly: linked ? this.#readOnly : (this.#owner.status?.readOnly ?? false),
      draft: this.#draft,
      ended: this.#ending.current,
      features: linked ? this.#features : (this.#owner.status?.features ?? this.#features),
      expiresAt: linked ? this.#expiresAt : this.#owner.status?.expiresAt,
    };
    return this.#snapshot;
  }

  /** The session record as restored or last saved: the widget's state across pages. */
  get record(): SessionRecord | undefined {
    return this.#persistence.record;
  }

  /** What another tab taking over, or joining, needs to know. */
  get sharedStatus(): SharedStatus {
    const snapshot = this.snapshot;
    return {
      connection: snapshot.connection,
      typing: snapshot.agentTyping,
      readOnly: snapshot.readOnly,
      token: this.#token,
      pending: [...this.#delivery.pending],
      sentAttributes: this.#attributes.sent,
      attributeBudget: this.#attributes.budget,
      record: this.#persistence.record,
      features: this.#features,
      expiresAt: this.#expiresAt,
    };
  }

  /**
   * Picks up a session left by an earlier page: its cached transcript is shown at once,
   * then the connection reconciles it with the server. A visitor without a session stays
   * offline until `activate()`.
   */
  async start(): Promise<void> {
    this.#restored = false;
    try {
      await this.#restore();
    } finally {
      this.#restored = true;
    }
    if (this.#activateWhenAllowed) this.activate();
    this.#changed();
  }

  async #restore(): Promise<void> {
    const restored = await this.#persistence.restore();
    if (this.#lifetime.signal.aborted) return;
    const inherited = this.#inherit;
    this.#inherit = undefined;
    let { record, cache } = restored;
    if (inherited?.record && record?.token !== inherited.record.token) {
      // The conversation on screen moved here: it wins over whatever this store held.
      this.#persistence.carry(inherited.record);
      record = inherited.record;
      cache = undefined;
    }
    if (record) this.#restoreSession(record, cache);
    if (inherited) this.#takeOver(inherited);
    if (this.#token && this.#linked && this.#mayConnect) this.#server.start(this.#token);
    else if (this.#token) this.#activateWhenAllowed = true;
  }

  /**
   * Whether this tab may connect now: not while a storage hub may still hand over the
   * visitor's conversation, unless this page already holds one of its own (messages the
   * server has): a session without one must not take messages the hub's should get. While a
   * hand-off is looked at, not even then.
   */
  get #mayConnect(): boolean {
    return this.#newSessionAllowed || (!this.#holdEvery && this.hasMessages);
  }

  #restoreSession(record: SessionRecord, cache: ConversationCache | undefined): void {
    if (record.expiresAt !== undefined && record.expiresAt < Date.now()) return this.#sessionEnded('session-expired');
    this.#token = record.token;
    this.#attributes.sent = record.sentAttributes;
    if (cache) {
      for (const message of cache.messages) this.#transcript.put(message);
      for (const entry of cache.outbox) {
        if (this.#transcript.get(entry.clientId)?.delivery !== 'sent') void this.#queue(entry);
      }
      if (!this.#draft) this.#draft = cache.draft;
      this.#lastReadId = cache.lastReadId;
      this.#features = cache.features;
      this.#attributes.sent = record.sentAttributes ?? cache.sentAttributes;
      this.#ending.update(this.#transcript.messages());
    }
  }

  /**
   * Queues what the conversation this one replaces had not delivered, ahead of anything
   * written here, and settles its open promises with the outcome.
   */
  #queueInherited(inherited: ConversationHandover): void {
    for (const entry of inherited.pending) {
      const waiting = inherited.waiting.get(entry.clientId) ?? [];
      void this.#queue(entry).then((message) => waiting.forEach((resolve) => resolve(message)));
    }
    // The visitor wrote, or had the chat connected: carry on.
    if (inherited.pending.length > 0 || inherited.record) this.#activateWhenAllowed = true;
  }

  /** Once the store is read: the transcript, read cursor and draft of the conversation this one replaces. */
  #takeOver(inherited: ConversationHandover): void {
    for (const message of inherited.messages) if (message.delivery !== 'sending') this.#transcript.put(message);
    this.#lastReadId ??= inherited.lastReadId;
    if (!this.#draft) this.#draft = inherited.draft;
  }

  /**
   * Leaves the stage to a conversation with new settings: everything the visitor has not yet
   * seen delivered, and the open `send()` promises, go to the successor (`inherit`).
   */
  handOver(): ConversationHandover {
    this.#persistence.flush();
    const outbox = { pending: [...this.#delivery.pending], waiting: this.#delivery.release() };
    // Replaced again before the store was read: what it inherited is not taken in yet, and passes on.
    const earlier = this.#inherit;
    const handover: ConversationHandover = earlier
      ? { ...earlier, ...outbox, draft: this.#draft || earlier.draft }
      : { record: this.#persistence.record, messages: this.#transcript.messages(), lastReadId: this.#lastReadId, draft: this.#draft, ...outbox };
    this.dispose();
    return handover;
  }

  /** Whether the transcript holds a conversation: anything the visitor or the agent said and the server has. */
  get hasMessages(): boolean {
    return this.#transcript.messages().some((message) => message.author !== 'notice' && message.delivery !== 'sending' && message.delivery !== 'failed');
  }

  /**
   * Continues the visitor's session from elsewhere (the storage hub): this page's own, which
   * holds no conversation, gives way. What the visitor wrote here goes into the adopted one.
   */
  adoptSession(record: SessionRecord): void {
    if (this.#lifetime.signal.aborted || record.token === this.#token) return;
    this.#keepOnlyUnsent();
    this.#token = record.token;
    this.#attributes.sent = record.sentAttributes;
    this.#persistence.carry(record);
    if (this.#linked && this.#server.running) {
      void this.#server.stop().then(() => {
        if (this.#linked && this.#token === record.token && !this.#lifetime.signal.aborted && !this.#server.running) this.#server.start(record.token);
      });
    } else {
      // As a session restored from storage would: connected (and its history read) as soon as it may.
      this.#activateWhenAllowed = true;
    }
    this.#changed();
  }

  /** Another session takes this one's place: what the visitor wrote and has not seen delivered stays, to go into it. */
  #keepOnlyUnsent(): void {
    const unsent = this.#transcript.messages().filter((message) => message.delivery === 'sending' || message.delivery === 'failed');
    this.#transcript.clear();
    for (const message of unsent) this.#transcript.put(message);
  }

  /** No storage hub can hand over a conversation any more: a new session may start. */
  allowNewSession(): void {
    if (this.#newSessionAllowed) return;
    this.#newSessionAllowed = true;
    if (this.#activateWhenAllowed) this.activate();
  }

  /** Asynchronous chat on or off (`async`): how an agent ending the interaction is shown from now on. */
  setAsyncChat(asyncChat: boolean): void {
    if (asyncChat === this.#asyncChat) return;
    this.#asyncChat = asyncChat;
    this.#ending.asyncChat = asyncChat;
    this.#changed();
  }

  /** The site's backend that checks guest attributes (`attributes-endpoint`) changed. */
  setAttributesEndpoint(url: string | undefined): void {
    // Asked to vouch with the visitor's next message.
    this.#attributes.useEndpoint(this.#endpointSync(url));
  }

  #endpointSync(url: string | undefined): EndpointSync | undefined {
    if (!url) return undefined;
    return endpointSync(url, () => this.#server.guestJwt(), (message) => this.#listener.problem({ code: 'attributes-endpoint-failed', message }));
  }

  /** Saves widget state (open, unread…) in the session record; nothing happens without a session. */
  remember(change: Partial<Omit<SessionRecord, 'token'>>): void {
    this.#persistence.update(change);
  }

  /** The visitor has seen everything up to the newest message (the panel is open). */
  markRead(): void {
    const newest = this.#transcript.messages().at(-1)?.id;
    if (newest === undefined || newest === this.#lastReadId) return;
    this.#lastReadId = newest;
    this.#persistence.cacheChanged();
  }

  /** Keeps what the visitor is typing, so that it survives a reload; the agent may see that they type. */
  setDraft(text: string): void {
    if (text === this.#draft) return;
    if (text.length > this.#draft.length && this.#token) this.visitorTyping();
    this.#draft = text;
    this.#persistence.cacheChanged();
  }

  /** The visitor engaged (opened the chat or wrote): make sure there is a session and a connection. */
  activate(): void {
    if (this.#lifetime.signal.aborted) return;
    if (!this.#restored || !this.#mayConnect) {
      this.#activateWhenAllowed = true;
      return;
    }
    this.#activateWhenAllowed = false;
    if (!this.#token) {
      this.#token = randomId();
      this.#persistence.begin(this.#token);
    }
    if (!this.#linked) {
      this.#askedFor = this.#token;
      this.#peers?.publish({ kind: 'activate', token: this.#token });
    } else if (this.#readOnly) {
      this.#readOnly = false;
      this.#server.start(this.#token, { startNew: true });
    } else if (!this.#server.running) {
      this.#server.start(this.#token);
    }
    this.#changed();
  }

  /** Queues the visitor's text (or chosen quick reply, or files with the text); resolves once the server acknowledged or refused it. */
  send(text: string, reply?: OutboxEntry['reply'], files?: OutboxEntry['files']): Promise<ChatMessage> {
    const settled = this.#queue({ clientId: randomId(), text, writtenAt: Date.now(), attributes: this.#attributes.forNewMessage(), ...(reply ? { reply } : {}), ...(files?.length ? { files } : {}) });
    // The visitor writes: an end asked for earlier and never confirmed is not this chat's.
    this.#dismissNextEnd = false;
    this.#draft = '';
    this.activate();
    this.#persistence.flush();
    return settled;
  }

  /**
   * Replaces the page's guest attributes; they go with the next message the visitor
   * writes. Refused when they alone are over the session's byte budget.
   */
  setGuestAttributes(attributes: Readonly<Record<string, string>>): { ok: true } | { ok: false; bytes: number; budget: number } {
    const result = this.#attributes.setGuest(attributes);
    if (!result.ok) return { ...result, budget: this.#attributes.budget };
    return result;
  }

  /** The visitor is, or may be, signed in (`auth/`): the connection configures their authenticated session. */
  useAuth(auth: Promise<TransportAuth | undefined> | undefined): void {
    this.#server.useAuth(auth);
  }

  /**
   * The visitor signed out (here, or the service says so for another of their devices): their
   * conversation is erased from this device, in every tab, with what they had not yet sent.
   */
  signedOut(): void {
    for (const entry of [...this.#delivery.pending]) this.#delivery.withdraw(entry.clientId);
    this.#sessionEnded('signed-out');
  }

  /** Ends the chat for good: the server wipes the conversation, and so does every store here. */
  endChat(): void {
    if (!this.#linked) {
      // Just loaded, no tab is known to hold the connection yet: ask it once one is.
      this.#endRequested = !this.#owner.status;
      if (this.#owner.status) this.#peers?.publish({ kind: 'end' });
      return;
    }
    this.#endRequested = false;
    const token = this.#token;
    if (token && this.#server.running && this.#server.state !== 'connected') {
      // Connecting: the server clears the conversation once it is connected, or it ends here after the same wait.
      this.#endRequested = true;
      setTimeout(() => this.#endRequested && this.#token === token && this.#sessionEnded('session-cleared'), 3000);
    } else if (token && this.#server.end()) {
      // The server answers (SessionClearedEvent, or closeSession's SessionResponse); if it does not, the chat ends here anyway.
      setTimeout(() => {
        if (this.#token === token) this.#sessionEnded('session-cleared');
      }, 3000);
    } else {
      this.#sessionEnded('session-cleared');
    }
  }

  /** The visitor is typing: the tab that holds the connection tells the agent, where the deployment shows it. */
  visitorTyping(): void {
    if (this.#linked) this.#server.typing();
    else this.#peers?.publish({ kind: 'typing' });
  }

  /**
   * After an ended chat: the visitor may write again, which starts a new conversation. One
   * the agent ended is erased first (everywhere, as `endChat` does): the new chat starts clean.
   */
  startNewChat(): void {
    if (this.#ending.current === 'agent') {
      this.#dismissNextEnd = true;
      return this.endChat();
    }
    this.#ending.dismiss(this.#transcript.messages());
    this.#changed();
  }

  /** Adds a notice of the page's own to this tab's transcript. */
  inject(text: string, kind: NoticeKind = 'page'): ChatMessage {
    const injected = notice(kind, `page-${randomId()}`, new Date().toISOString(), text);
    this.#transcript.put(injected);
    this.#changed();
    return injected;
  }

  /** A fresh download address for an attachment, from the tab that holds the connection (undefined elsewhere, or when refused). */
  attachmentUrl(id: string): Promise<string | undefined> {
    return this.#linked ? this.#server.attachmentUrl(id) : Promise.resolve(undefined);
  }

  /**
   * The visitor cancelled a message whose file is still on its way (`attachmentId`): its
   * uploads stop, and it stays in the transcript, not sent, to be sent again if they like.
   * Only the tab that holds the connection uploads, so only it can.
   */
  cancelUpload(attachmentId: string): boolean {
    const entry = this.#linked ? this.#delivery.pending.find((each) => each.files?.some((file) => file?.id === attachmentId)) : undefined;
    if (!entry) {
      // A file uploaded ahead (still in the composer) only stops.
      if (this.#linked) this.#server.cancelUploads([attachmentId]);
      return false;
    }
    if (!this.#server.cancelUploads(entry.files!.map((file) => file?.id))) return false;
    this.#delivery.withdraw(entry.clientId);
    this.#rejected(entry, 'cancelled');
    return true;
  }

  /**
   * Starts uploading a file the visitor chose, before they press Send, where this tab holds
   * the connection (as the Genesys Messenger does); the message then names it without
   * waiting. False where it cannot start here: it is uploaded when the message goes.
   */
  preupload(file: OutgoingFile): boolean {
    return this.#linked && this.#server.preupload(file);
  }

  /** Sends a failed message again. */
  retry(clientId: string): void {
    const message = this.#transcript.get(clientId);
    if (message?.delivery !== 'failed') return;
    this.#transcript.updateLocal(clientId, { delivery: 'sending', failure: undefined, ...filesNow(message, 'uploading') });
    // The refused entry, as it was (an answer stays an answer, files stay files), with when it was first written.
    // Refused in the tab that holds the connection, it is completed there (`sendFromPeer`); refused
    // by a tab now gone, its files are named as the message shows them (without the files
    // themselves, the upload says so: they are never dropped silently).
    const refused = this.#refused.get(clientId) ?? (message.attachments && { files: message.attachments as unknown as OutgoingFile[] });
    this.#refused.delete(clientId);
    void this.#delivery.send({ writtenAt: Date.now(), ...refused, clientId, text: message.text, attributes: this.#attributes.forNewMessage() });
    this.activate();
  }

  /** This tab holds the connection now: connect, and send whatever the last holder left. */
  link(): void {
    if (this.#linked || this.#lifetime.signal.aborted) return;
    this.#linked = true;
    // Holding the connection itself now: nothing is asked of another tab any more.
    this.#askedFor = undefined;
    this.#delivery.pause();
    const left = this.#owner.takeOver();
    // What the last holder had waiting was written before what this tab has not handed it yet.
    for (const entry of left?.pending ?? []) this.#showSending(entry);
    this.#delivery.putFirst(left?.pending ?? []);
    this.#token ??= left?.token;
    if (left?.record && left.record.token === this.#token) this.#persistence.mirror(left.record);
    if (left?.sentAttributes) this.#attributes.sent = left.sentAttributes;
    if (this.#token && this.#mayConnect) this.#server.start(this.#token);
    else if (this.#token) this.#activateWhenAllowed = true;
    if (this.#endRequested) this.endChat();
    this.#changed();
  }

  /** Another tab holds the connection now: close ours; resolves once it is closed. */
  async unlink(): Promise<void> {
    if (!this.#linked) return;
    this.#linked = false;
    this.#delivery.pause();
    // The socket closes at once; saving and re-rendering wait a moment, so that the tab that
    // takes over is elected first (the caller releases ownership as soon as this yields).
    const stopped = this.#server.stop();
    await Promise.resolve();
    this.#persistence.flush();
    this.#changed();
    await stopped;
  }

  /** What the linked tab published: messages it has, or that changed. */
  applyRemoteMessages(messages: readonly ChatMessage[], { live }: { live: boolean }): void {
    this.#apply(messages.map((message) => ({ kind: 'message', message })), { live });
  }

  applyRemoteStatus(status: SharedStatus): void {
    if (this.#linked) return;
    this.#owner.update(status);
    this.#attributes.budget = status.attributeBudget;
    if (status.token && status.token !== this.#token) {
      // The tab that holds the connection has another session than the one this tab restored: its transcript is never shown with that one.
      if (this.#token) this.#keepOnlyUnsent();
      this.#token = status.token;
    }
    // This tab may have to take the connection over: its code should not be what it waits for then.
    if (status.token) this.#server.prepare();
    // Asked for, and the tab holding the connection has none: the request went to an owner that has gone, or was not listening yet.
    if (status.token) this.#askedFor = undefined;
    else if (this.#askedFor && this.#askedFor === this.#token) this.#peers?.publish({ kind: 'activate', token: this.#askedFor });
    // Known here too, so that this tab can keep it up to date should it take over.
    if (status.record && status.record.token === this.#token) this.#persistence.mirror(status.record);
    if (this.#endRequested) this.endChat();
    if (status.connection === 'connected') this.#delivery.resume();
    else this.#delivery.pause();
    this.#changed();
  }

  /** The linked tab says the session ended. */
  applyRemoteEnd(endNotice: ChatMessage): void {
    if (this.#linked) return;
    this.#token = this.#askedFor = undefined;
    // The holder has erased it everywhere: this tab must not write it back.
    this.#persistence.release();
    this.#transcript.clear();
    this.#transcript.put(endNotice);
    this.#dismissEndIfNew();
    this.#changed();
  }

  #dismissEndIfNew(): void {
    if (!this.#dismissNextEnd) return;
    this.#dismissNextEnd = false;
    this.#ending.dismiss(this.#transcript.messages());
  }

  /** A message written in another tab, to be sent from this one; resolves with its outcome. */
  sendFromPeer(given: OutboxEntry): Promise<ChatMessage> {
    // Tried again in another tab, a message this tab refused keeps what it had (its files).
    const entry = { ...given, ...this.#refused.get(given.clientId) };
    const known = this.#transcript.get(entry.clientId);
    if (known?.delivery === 'sent') {
      // Sent already (the asking tab restored it from an older cache, or asked twice): say so, or it waits in vain.
      this.#settle(known);
      return Promise.resolve(known);
    }
    const settled = this.#queue(entry);
    this.activate();
    return settled;
  }

  /** Another tab started the session this tab is to connect. */
  adopt(token: string): void {
    if (!this.#token) {
      this.#token = token;
      this.#persistence.begin(token);
    }
    this.activate();
  }

  dispose(): void {
    this.#persistence.dispose();
    this.#lifetime.abort();
    void this.#server.stop();
    this.#delivery.abandon((clientId) => this.#transcript.get(clientId));
  }

  #sendOnce(entry: OutboxEntry): Promise<SendOutcome> {
    if (this.#linked) return this.#server.deliver(entry);
    return this.#peers ? this.#peers.relay(entry) : Promise.resolve({ kind: 'disconnected' });
  }

  #configured(session: SessionResponseBody): void {
    if (this.#endRequested) return this.endChat();
    this.#readOnly = session.readOnly;
    this.#persistence.update({
      answeredAt: Date.now(),
      ...(session.expirationDate ? { expiresAt: session.expirationDate * 1000 } : {}),
    });
    if (session.newSession) return this.#delivery.resume();
    const token = this.#token;
    this.#server
      .readMissedHistory(this.#transcript, this.#delivery.pending, this.#lifetime.signal)
      // Another session taken over meanwhile (from the hub, a link): this one's history is not its.
      .then((events) => token === this.#token && this.#apply(events, { live: this.#transcript.size > 0 }))
      .catch((error: unknown) => {
        if (this.#lifetime.signal.aborted) return;
        this.#listener.problem({ code: 'history-unavailable', message: `could not read the conversation's history: ${errorText(error)}` });
      })
      .finally(() => {
        // What history shows as delivered must not be sent again.
        this.#delivery.discardDelivered((clientId) => this.#transcript.get(clientId));
        if (this.#linked && this.#server.state === 'connected') this.#delivery.resume();
      });
  }

  #apply(events: readonly ServerEvent[], { live }: { live: boolean }): void {
    const changed: ChatMessage[] = [];
    for (const event of events) {
      if (event.kind === 'presence' && event.presence === 'Disconnect') {
        this.#readOnly = this.#readOnly || event.readOnly;
        // The interaction is Completed: asynchronous chat carries on with a notice, synchronous chat ends.
        const kind = this.#asyncChat ? 'interaction-completed' : 'agent-left';
        this.#accept(notice(kind, event.id, event.time, this.#server.noticeText(kind)), live, changed);
      }
      if (event.kind === 'message') {
        this.#accept(event.message, live, changed);
      }
    }
    if (this.#linked && changed.length > 0) this.#peers?.publish({ kind: 'put', messages: changed });
    this.#changed();
  }

  #accept(message: ChatMessage, live: boolean, changed: ChatMessage[]): void {
    const before = message.clientId ? this.#transcript.get(message.clientId) : undefined;
    const result = this.#transcript.put(message);
    const stored = this.#transcript.get(message.id) ?? message;
    if (result !== 'unchanged') changed.push(stored);
    const acknowledged = before !== undefined && before.delivery !== 'sent' && stored.delivery === 'sent';
    if (acknowledged) this.#settle(stored);
    if ((result === 'added' && live) || acknowledged) this.#listener.messageAdded(stored);
  }

  #rejected(entry: OutboxEntry, reason: string): void {
    this.#refused.set(entry.clientId, entry);
    const message = this.#transcript.updateLocal(entry.clientId, { delivery: 'failed', failure: reason, ...filesNow(this.#transcript.get(entry.clientId), 'failed') });
    if (message) this.#settle(message);
    if (reason !== 'cancelled') this.#listener.problem(entry.files ? { code: 'upload-failed', message: `a message with files could not be sent (${reason})` } : { code: 'message-rejected', message: `the server refused a message (${reason})` });
    this.#changed();
  }

  /** The server ended the session: forget it, say so, and start afresh when the visitor writes. */
  #sessionEnded(kind: NoticeKind): void {
    this.#persistence.forget();
    this.#token = undefined;
    this.#readOnly = false;
    void this.#server.stop();
    this.#transcript.clear();
    const endNotice = notice(kind, `notice-${randomId()}`);
    this.#transcript.put(endNotice);
    this.#dismissEndIfNew();
    if (this.#linked) this.#peers?.publish({ kind: 'ended', notice: endNotice });
    for (const entry of this.#delivery.pending) this.#transcript.put(sendingMessageOf(entry));
    if (this.#delivery.pending.length > 0) this.activate();
    this.#changed();
  }


  /** Shows a message as sending and hands it to the outbox; resolves when it is sent or refused. */
  #queue(entry: OutboxEntry): Promise<ChatMessage> {
    this.#showSending(entry);
    const settled = this.#delivery.send(entry.attributes ? entry : { ...entry, attributes: this.#attributes.forNewMessage() });
    // Everything that waits, in order: an earlier entry may not have reached the owner yet.
    if (!this.#linked) for (const waiting of this.#delivery.pending) this.#peers?.offer(waiting);
    return settled;
  }

  #showSending(entry: OutboxEntry): void {
    const message = sendingMessageOf(entry);
    if (this.#transcript.put(message) === 'added' && this.#linked) this.#peers?.publish({ kind: 'put', messages: [message] });
  }

  #cache(): ConversationCache {
    return cacheOf(this.#transcript.messages(), this.#delivery.pending, this.#draft, { lastReadId: this.#lastReadId, sentAttributes: this.#attributes.sent, features: this.#features });
  }

  #settle(message: ChatMessage): void {
    this.#delivery.settled(message);
    if (this.#linked && message.clientId) this.#peers?.publish({ kind: 'settled', clientId: message.clientId, message });
  }

  #changed(): void {
    // A conversation replaced or gone writes nothing more (its successor owns the stores).
    if (this.#lifetime.signal.aborted) return;
    this.#snapshot = undefined;
    const justEnded = this.#ending.update(this.#transcript.messages());
    if (justEnded && this.#restored) this.#listener.ended(justEnded);
    // Only the tab that holds the connection writes the cache: one writer per origin.
    if (this.#linked) this.#persistence.cacheChanged();
    if (this.#linked && this.#peers) this.#publishStatus();
    this.#listener.changed();
  }

  #publishStatus(): void {
    const status = this.sharedStatus;
    const key = JSON.stringify(status);
    if (key === this.#published) return;
    this.#published = key;
    this.#peers!.publish({ kind: 'status', status });
  }
}
