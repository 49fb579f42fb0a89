import type { ConfigProblemCode } from '../config/chat-config.js';
import type { ChatMessage } from '../base/chat-message.js';
import type { ConversationProblemCode } from '../conversation/conversation.js';
import type { HubReport } from '../hub/hub-protocol.js';
import type { StorageStatus } from '../storage/session-store.js';

const eventInit = { bubbles: true, composed: true } as const;

/**
 * Every `chat-error` code: from configuration, the conversation, the panel's code not
 * arriving, and a property given a value of the wrong type (`invalid-property`).
 */
export type ChatErrorCode = ConfigProblemCode | ConversationProblemCode | AuthProblemCode | 'panel-unavailable' | 'invalid-property' | 'invalid-argument';

/**
 * A signed-in visitor's problems: the page's provider failed (threw, answered nothing usable,
 * or not at all), the code could not be exchanged, the service refused a refresh, or did not
 * confirm a sign-out. (The service refusing the signed-in session itself is `auth-failed`.)
 */
export type AuthProblemCode = 'auth-provider-failed' | 'auth-exchange-failed' | 'auth-refresh-failed' | 'auth-sign-out-failed';

export interface ChatErrorDetail {
  readonly code: ChatErrorCode;
  readonly message: string;
}

/** The element is configured and its session state is loaded. */
export class ChatReadyEvent extends CustomEvent<Record<string, never>> {
  constructor() {
    super('chat-ready', { ...eventInit, detail: {} });
  }
}

/** A message arrived, or one the visitor sent was acknowledged by the server. */
export class ChatMessageEvent extends CustomEvent<{ readonly message: ChatMessage }> {
  constructor(message: ChatMessage) {
    super('chat-message', { ...eventInit, detail: { message } });
  }
}

/** Something went wrong; the widget keeps working as far as it can. */
export class ChatErrorEvent extends CustomEvent<ChatErrorDetail> {
  constructor(detail: ChatErrorDetail) {
    super('chat-error', { ...eventInit, detail });
  }
}

export interface ChatStorageDetail extends StorageStatus {
  /** What went wrong, when a store failed and another took over. */
  readonly reason?: string;
}

/** Where the session is kept changed: a store was chosen, or one failed and another took over. */
export class ChatStorageEvent extends CustomEvent<ChatStorageDetail> {
  constructor(detail: ChatStorageDetail) {
    super('chat-storage', { ...eventInit, detail });
  }
}

/** The chat ended: the agent closed it (synchronous chat), or it was cleared (the visitor ended it). */
export class ChatEndedEvent extends CustomEvent<{ readonly reason: 'agent' | 'cleared' }> {
  constructor(reason: 'agent' | 'cleared') {
    super('chat-ended', { ...eventInit, detail: { reason } });
  }
}

/** This tab started or stopped holding the live connection for the browser's tabs. */
export class ChatOwnershipEvent extends CustomEvent<{ readonly owner: boolean }> {
  constructor(owner: boolean) {
    super('chat-ownership', { ...eventInit, detail: { owner } });
  }
}

/** What the storage hub can do in this browser (`chat-third-party`). */
export type ChatThirdPartyDetail = HubReport;

/** What the storage hub (`iframe-url`) can do in this browser: known once it answered, or failed to. */
export class ChatThirdPartyEvent extends CustomEvent<ChatThirdPartyDetail> {
  constructor(detail: ChatThirdPartyDetail) {
    super('chat-third-party', { ...eventInit, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'chat-ownership': ChatOwnershipEvent;
    'chat-ended': ChatEndedEvent;
    'chat-ready': ChatReadyEvent;
    'chat-message': ChatMessageEvent;
    'chat-error': ChatErrorEvent;
    'chat-storage': ChatStorageEvent;
    'chat-third-party': ChatThirdPartyEvent;
  }
}
