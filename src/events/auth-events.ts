const eventInit = { bubbles: true, composed: true } as const;

/** Who the service says the signed-in visitor is: the identity provider's `sub`, and `name` where it gave one. */
export interface ChatAuthenticatedDetail {
  readonly sub: string;
  readonly name: string | undefined;
}

/** The visitor is signed in: the conversation belongs to their identity, on every device. */
export class ChatAuthenticatedEvent extends CustomEvent<ChatAuthenticatedDetail> {
  constructor(detail: ChatAuthenticatedDetail) {
    super('chat-authenticated', { ...eventInit, detail });
  }
}

/** `visitor`: `signOut()` was called here; `service`: a sign-out on another of the visitor's devices (`LogoutEvent`). */
export type SignOutReason = 'visitor' | 'service';

/** The visitor signed out: their conversation was erased from this device. */
export class ChatSignedOutEvent extends CustomEvent<{ readonly reason: SignOutReason }> {
  constructor(reason: SignOutReason) {
    super('chat-signed-out', { ...eventInit, detail: { reason } });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'chat-authenticated': ChatAuthenticatedEvent;
    'chat-signed-out': ChatSignedOutEvent;
  }
}
