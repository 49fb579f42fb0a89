/**
 * Whether the panel is open, as a change made in one tab: every tab keeps the newest change
 * it has seen (latest `at`, ties broken by `by`), so all tabs end up agreeing whatever order
 * the changes reach them in.
 */
export interface PanelChange {
  readonly open: boolean;
  /** When the change was made (this browser's clock, never behind a change the tab had seen). */
  readonly at: number;
  /** The tab that made it. */
  readonly by: string;
}

/** What a tab knows before it saw any change: from storage, or nothing. */
export function initialPanel(open: boolean): PanelChange {
  return { open, at: 0, by: '' };
}

export function isNewerChange(candidate: PanelChange, current: PanelChange): boolean {
  return candidate.at !== current.at ? candidate.at > current.at : candidate.by > current.by;
}

export function isPanelChange(value: unknown): value is PanelChange {
  if (typeof value !== 'object' || value === null) return false;
  const change = value as Record<string, unknown>;
  return typeof change.open === 'boolean' && Number.isFinite(change.at) && typeof change.by === 'string';
}

/** A clock for one tab's changes: later than the wall clock's last reading here, and than any change seen. */
export class ChangeClock {
  #last = 0;

  next(): number {
    this.#last = Math.max(Date.now(), this.#last + 1);
    return this.#last;
  }

  saw(at: number): void {
    this.#last = Math.max(this.#last, at);
  }
}
