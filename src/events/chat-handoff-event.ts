/** Why a hand-off from another site was not taken (see the README's "Across domains"). */
export type HandoffRefusal =
  /** Not a whole, unchanged hand-off (cut short, edited). */
  | 'malformed'
  /** Made for another widget: another `name` or deployment. */
  | 'other-widget'
  /** Older than its minute. */
  | 'expired'
  /** Already accepted on this device: the same address opened again. */
  | 'used'
  /** The page was not reached through a link (pasted, bookmarked, opened in another browser). */
  | 'no-referrer'
  /** Reached from a site that is not one of the linked sites. */
  | 'unlisted-referrer'
  /** This page has a conversation of its own, more recent than the one handed over (the hub's rule). */
  | 'newer-here';

export type ChatHandoffDetail = { readonly accepted: true; readonly from: string } | { readonly accepted: false; readonly reason: HandoffRefusal };

/** A hand-off from another of the organisation's sites arrived with this page: continued, or refused and why. */
export class ChatHandoffEvent extends CustomEvent<ChatHandoffDetail> {
  constructor(detail: ChatHandoffDetail) {
    super('chat-handoff', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'chat-handoff': ChatHandoffEvent;
  }
}
