import type { ChatMessage } from '../base/chat-message.js';

/** What the session needs of the element that shows it. */
export interface ChatSessionListener {
  /** Something the element shows changed. */
  changed(): void;
  /** Whether this tab holds the live connection (the `owner` attribute). */
  ownerChanged(owner: boolean): void;
  /** The panel was left open on an earlier page, or another tab opened or closed it: follow, without taking focus. */
  showOpen(open: boolean): void;
  /** Whether the visitor can see the panel now (messages then count as read). */
  isOpen(): boolean;
  /** An agent's message is new to this page. */
  agentMessageArrived(message: ChatMessage): void;
  /** An event for the page (`chat-ready`, `chat-error`…), fired from the element. */
  dispatch(event: Event): void;
  /** Where the storage hub's hidden frame goes. */
  hubContainer(): Node;
}
