import type { DeploymentFeatures } from '../base/deployment-features.js';
import type { ChatConfig } from '../config/chat-config.js';
import type { ConversationStorage } from '../storage/session-store.js';
import type { SessionRecord } from '../storage/session-record.js';
import type { OutboxEntry } from '../base/outbox-entry.js';
import type { ConnectionState } from '../transport/connection-state.js';
import type { TransportFailureCode, TransportOptions } from '../transport/guest-api-transport.js';
import type { ChatMessage } from '../base/chat-message.js';
import type { ConversationPeers } from './conversation-peers.js';

export interface ConversationSnapshot {
  readonly connection: ConnectionState;
  /** The connection is held by another tab of this browser; `connection` is that tab's. */
  readonly elsewhere: boolean;
  readonly messages: readonly ChatMessage[];
  /** Set while the agent is typing; `name` when the agent has one. */
  readonly agentTyping: { readonly name: string | undefined } | undefined;
  /** Whether this visitor has a session (a guest token) at all. */
  readonly hasSession: boolean;
  /** The agent ended the interaction in ReadOnly mode; the next message starts a new one. */
  readonly readOnly: boolean;
  /** What the visitor had typed and not sent. */
  readonly draft: string;
  /** The chat has ended: the agent closed it (`agent`, in synchronous chat) or it was cleared (`cleared`). */
  readonly ended: 'agent' | 'cleared' | undefined;
  /** What the deployment's configuration allows, once known (kept with the conversation's cache). */
  readonly features: DeploymentFeatures | undefined;
  /** When the session will expire unless the visitor writes (epoch ms); set only in the last minutes. */
  readonly expiresAt: number | undefined;
}

export type ConversationProblemCode = TransportFailureCode | 'message-rejected' | 'history-unavailable' | 'server-error' | 'config-unavailable' | 'attributes-too-large' | 'attributes-endpoint-failed' | 'upload-failed' | 'file-not-kept';

export interface ConversationProblem {
  readonly code: ConversationProblemCode;
  readonly message: string;
}

export interface ConversationListener {
  changed(): void;
  /** A message new to this page: received live, acknowledged after sending, or recovered after a drop. */
  messageAdded(message: ChatMessage): void;
  problem(problem: ConversationProblem): void;
  warn(message: string): void;
  /** The chat ended while this page was open. */
  ended(reason: 'agent' | 'cleared'): void;
  /** The service logged the signed-in visitor out (a sign-out on another of their devices). */
  loggedOut(): void;
}

/**
 * What a conversation that is being replaced (its settings changed) hands to the one that
 * replaces it, so that nothing the visitor did is lost.
 */
export interface ConversationHandover {
  /** The session, when the same conversation moves (to other storage); undefined for another conversation. */
  readonly record: SessionRecord | undefined;
  /** The transcript on screen, when the same conversation moves. */
  readonly messages: readonly ChatMessage[];
  readonly lastReadId: string | undefined;
  /** What the visitor wrote that the server has not acknowledged: sent by the successor. */
  readonly pending: readonly OutboxEntry[];
  readonly draft: string;
  /** The `send()` promises still open, by message: the successor settles them. */
  readonly waiting: ReadonlyMap<string, ReadonlyArray<(message: ChatMessage) => void>>;
}

export interface ConversationOptions {
  config: ChatConfig;
  storage: ConversationStorage;
  /** Other tabs of the same conversation; without them this tab holds the connection itself. */
  peers?: ConversationPeers;
  /** Asynchronous chat: an agent ending the interaction leaves the chat open, with a notice. */
  asyncChat?: boolean;
  /** The site's own backend that checks guest attributes (`attributes-endpoint`). */
  attributesEndpoint?: string | undefined;
  /** What this page says about itself (url, title…), read when the visitor writes. */
  pageContext?: () => Readonly<Record<string, string>>;
  /** Timing overrides, for tests and unusual deployments. */
  transport?: Partial<TransportOptions>;
  messagesPerSecond?: number;
  /** The conversation this one replaces. */
  inherit?: ConversationHandover | undefined;
  /**
   * Starts no new session until `allowNewSession()`: a storage hub may still hand this page
   * the visitor's conversation from another site. Messages wait in the outbox meanwhile.
   */
  holdNewSession?: boolean;
  /**
   * A hand-off from another site arrived: until `allowNewSession()`, not even this page's own
   * session connects (its reconnecting would make it look the more recent of the two).
   */
  holdEverySession?: boolean;
}
