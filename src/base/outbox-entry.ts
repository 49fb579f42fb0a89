/** A visitor message waiting for the server to acknowledge it. */
export interface OutboxEntry {
  readonly clientId: string;
  readonly text: string;
  /** The guest attributes and page context of the tab where it was written, fitted to the budget. */
  readonly attributes?: Readonly<Record<string, string>>;
  /** A quick reply the visitor chose: sent as a `ButtonResponse` rather than as text. */
  readonly reply?: { readonly text: string; readonly payload: string };
}

/** What became of one attempt to send an entry. */
export type SendOutcome =
  | { kind: 'acknowledged' }
  | { kind: 'retry-after'; ms: number }
  | { kind: 'rejected'; reason: string }
  | { kind: 'disconnected' };
