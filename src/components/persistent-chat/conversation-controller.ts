import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { resolveChatConfig, type ConfigInput, type ConfigProblem } from '../../config/chat-config.js';
import type { ChatMessage } from '../../conversation/chat-message.js';
import { Conversation, type ConversationListener, type ConversationSnapshot } from '../../conversation/conversation.js';
import { ChatErrorEvent, ChatMessageEvent, ChatReadyEvent, type ChatErrorDetail } from '../../events/chat-events.js';
import { identityKey, LocalStorageIdentityStore } from '../../storage/guest-identity-store.js';

export interface ConversationSettings extends ConfigInput {
  /** Keeps two widgets on one page apart. */
  name: string;
}

/**
 * Gives the element a `Conversation` for its current settings: built when the settings
 * change, disposed when the element leaves the page, rebuilt when it comes back.
 */
export class ConversationController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #warned = new Set<string>();
  #settings: ConversationSettings | undefined;
  #settingsKey = '';
  #conversation: Conversation | undefined;
  #problems: readonly ConfigProblem[] = [];
  #ready = false;
  #readyWaiters: Array<() => void> = [];

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  get snapshot(): ConversationSnapshot | undefined {
    return this.#conversation?.snapshot;
  }

  /** Whether the settings let the widget connect at all. */
  get configured(): boolean {
    return this.#conversation !== undefined;
  }

  get ready(): boolean {
    return this.#ready;
  }

  whenReady(): Promise<void> {
    return this.#ready ? Promise.resolve() : new Promise((resolve) => this.#readyWaiters.push(resolve));
  }

  /** Applies the element's settings; a change of any of them starts a new conversation object. */
  configure(settings: ConversationSettings): void {
    const key = JSON.stringify([settings.name, settings.deploymentId, settings.region, settings.endpoint]);
    if (key === this.#settingsKey) return;
    this.#settingsKey = key;
    this.#settings = settings;
    this.#rebuild();
  }

  hostConnected(): void {
    if (this.#settings && !this.#conversation) this.#rebuild();
  }

  hostDisconnected(): void {
    this.#conversation?.dispose();
    this.#conversation = undefined;
  }

  activate(): void {
    this.#conversation?.activate();
  }

  send(text: string): Promise<ChatMessage> | undefined {
    return this.#conversation?.send(text);
  }

  retry(clientId: string): void {
    this.#conversation?.retry(clientId);
  }

  #rebuild(): void {
    this.#conversation?.dispose();
    this.#conversation = undefined;
    const { config, problems } = resolveChatConfig(this.#settings!);
    this.#problems = problems;
    for (const problem of problems) this.#report({ code: problem.code, message: problem.message });
    if (config && this.#host.isConnected) {
      this.#conversation = new Conversation(
        { config, identity: new LocalStorageIdentityStore(identityKey(this.#settings!.name, config.deploymentId)) },
        this.#listener,
      );
      this.#conversation.start();
      this.#markReady();
    }
    this.#host.requestUpdate();
  }

  get problems(): readonly ConfigProblem[] {
    return this.#problems;
  }

  readonly #listener: ConversationListener = {
    changed: () => this.#host.requestUpdate(),
    messageAdded: (message) => this.#host.dispatchEvent(new ChatMessageEvent(message)),
    problem: (problem) => this.#report(problem),
    warn: (message) => this.#warnOnce(message),
  };

  #markReady(): void {
    if (this.#ready) return;
    this.#ready = true;
    this.#host.dispatchEvent(new ChatReadyEvent());
    for (const resolve of this.#readyWaiters.splice(0)) resolve();
  }

  #report(detail: ChatErrorDetail): void {
    this.#warnOnce(detail.message);
    this.#host.dispatchEvent(new ChatErrorEvent(detail));
  }

  /** One console warning per distinct problem, however often it happens. */
  #warnOnce(message: string): void {
    if (this.#warned.has(message)) return;
    this.#warned.add(message);
    console.warn(`<persistent-chat>: ${message}`);
  }
}
