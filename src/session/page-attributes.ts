import { GuestAttributeSet } from '../attributes/guest-attribute-set.js';
import { normalizeAttributes } from '../attributes/guest-attributes.js';
import type { ChatErrorDetail } from '../events/chat-events.js';

/** The conversation the attributes go to: it checks them against its session's byte budget. */
export interface AttributeTarget {
  setGuestAttributes(attributes: Readonly<Record<string, string>>): { ok: true } | { ok: false; bytes: number; budget: number };
}

/**
 * The page's guest attributes as the chat takes them: checked, reported when malformed or
 * over the session's budget, and given to whichever conversation is current (each new one
 * gets them again).
 */
export class PageAttributes {
  readonly #guest = new GuestAttributeSet();

  constructor(
    private readonly target: () => AttributeTarget | undefined,
    private readonly report: (problem: ChatErrorDetail) => void,
  ) {}

  /** The declared set (attribute or property) changed: `value` is what the page gave, `source` where. */
  declare(value: unknown, source: string, unreadable?: string): void {
    const result = unreadable ? ({ ok: false, reason: unreadable } as const) : value === undefined || value === null ? ({ ok: true, attributes: {} } as const) : normalizeAttributes(value);
    if (!result.ok) return this.report({ code: 'invalid-attribute', message: `${source}: ${result.reason}; the widget carries on without it` });
    this.#guest.declare(result.attributes);
    this.apply();
  }

  /** Merges `value` into the set; rejects what is malformed or over the budget. */
  merge(value: unknown): Promise<void> {
    const result = normalizeAttributes(value);
    if (!result.ok) return Promise.reject(new TypeError(`setGuestAttributes: ${result.reason}`));
    const tooLarge = this.target()?.setGuestAttributes(this.#guest.withSet(result.attributes));
    if (tooLarge && !tooLarge.ok) {
      const message = tooLargeMessage(tooLarge);
      this.report({ code: 'attributes-too-large', message });
      return Promise.reject(new RangeError(message));
    }
    this.#guest.merge(result.attributes);
    return Promise.resolve();
  }

  /** Gives the current conversation the whole set. */
  apply(): void {
    const result = this.target()?.setGuestAttributes(this.#guest.effective);
    if (result && !result.ok) this.report({ code: 'attributes-too-large', message: tooLargeMessage(result) });
  }
}

function tooLargeMessage({ bytes, budget }: { bytes: number; budget: number }): string {
  return `guest attributes take ${bytes} bytes, more than the ${budget}-byte budget (maxCustomDataBytes) of this session`;
}

