import type { ChatConfig } from '../config/chat-config.js';
import type { ConversationStorage } from '../storage/session-store.js';
import type { ConnectionState } from '../transport/connection-state.js';
import type { TransportFailureCode, TransportOptions } from '../transport/guest-api-transport.js';
import type { ChatMessage } from './chat-message.js';
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
}

export type ConversationProblemCode = TransportFailureCode | 'message-rejected' | 'history-unavailable' | 'server-error' | 'attributes-too-large' | 'attributes-endpoint-failed';

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
}
