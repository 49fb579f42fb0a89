import type { AttributeMap } from '../attributes/guest-attributes.js';
import type { ContextSettings } from '../attributes/page-context.js';
import { LazyChunk } from '../base/lazy-chunk.js';
import type { ChatErrorDetail } from '../events/chat-events.js';

/** What the page says about itself: a chunk, fetched when the setting is first applied. */
const contextCode = new LazyChunk(() => import('../attributes/page-context.js'));

/**
 * `context-attributes`, read by the page context's code once it has arrived; until then no
 * page context goes with a message (a script's `send()` in the first milliseconds).
 */
export class PageContextSetting {
  #value = '';
  #settings: ContextSettings | undefined;

  constructor(private readonly report: (problem: ChatErrorDetail) => void) {}

  apply(value: string): void {
    this.#value = value;
    void contextCode.load().then(
      ({ parseContextSettings }) => {
        if (this.#value !== value) return;
        const context = parseContextSettings(value);
        this.#settings = context.settings;
        if (context.problem) this.report({ code: 'invalid-attribute', message: context.problem });
      },
      () => {},
    );
  }

  /** The page facts the setting asks for, now. */
  facts(): AttributeMap {
    return this.#settings ? contextCode.value!.pageContext(this.#settings) : {};
  }
}
