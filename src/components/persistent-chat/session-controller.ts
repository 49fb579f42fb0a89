import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatMessage } from '../../base/chat-message.js';
import { ChatSession } from '../../session/chat-session.js';

/** What the element offers the session: how it shows what the session says. */
export interface SessionHost extends ReactiveControllerHost, HTMLElement {
  /** Whether the visitor can see the panel (messages then count as read). */
  readonly opened: boolean;
  /** The session was restored with the panel open, or another tab opened or closed it: follow, without taking focus. */
  showOpen(open: boolean): void;
  /** Whether this tab holds the live connection (the `owner` attribute). */
  ownerChanged(owner: boolean): void;
  /** An agent's message is new to this page. */
  agentMessageArrived(message: ChatMessage): void;
  /** Where the hub's hidden frame goes. */
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/**
 * Binds a `ChatSession` to the element's lifecycle: connected with the element, parked
 * (nothing lost) when it leaves the page; whatever the session says becomes an update or an
 * event of the element. Nothing else: the chat itself is the session's.
 */
export class SessionController implements ReactiveController {
  readonly session: ChatSession;

  constructor(host: SessionHost) {
    host.addController(this);
    this.session = new ChatSession({
      changed: () => host.requestUpdate(),
      ownerChanged: (owner) => host.ownerChanged(owner),
      showOpen: (open) => host.showOpen(open),
      isOpen: () => host.opened,
      agentMessageArrived: (message) => host.agentMessageArrived(message),
      dispatch: (event) => void host.dispatchEvent(event),
      hubContainer: () => host.renderRoot,
    });
  }

  hostConnected(): void {
    this.session.connect();
  }

  hostDisconnected(): void {
    this.session.disconnect();
  }
}
