/** Decides which tab owns the live connection. */
export interface Election {
  /** Queues this tab for ownership; `won()` is called when it gets it. */
  compete(): void;
  /** Gives ownership up (the caller has already closed its socket) and leaves the queue. */
  withdraw(): void;
  /** Takes ownership from the current owner at once (after it yielded, or failed to answer). */
  steal(): void;
  readonly owner: boolean;
  /**
   * Asks the browser whether this tab really still holds ownership. A tab that was stalled
   * may run queued work before it learns its lock was taken; this is the fence against that.
   */
  confirm(): Promise<boolean>;
  dispose(): void;
}

export interface ElectionListener {
  won(): void;
  /** Ownership was taken away (stolen): stop using the connection now. */
  lost(): void;
}
