import { ChatErrorEvent, type ChatErrorDetail } from '../events/chat-events.js';

/**
 * How the widget tells the page that something is wrong: one console warning per distinct
 * problem, however often it happens, and a `chat-error` event each time it is reported.
 */
export class ProblemReporter {
  readonly #warned = new Set<string>();

  constructor(private readonly dispatch: (event: Event) => void) {}

  /** A console warning, once per text. */
  warn(message: string): void {
    if (this.#warned.has(message)) return;
    this.#warned.add(message);
    console.warn(`<persistent-chat>: ${message}`);
  }

  /** A console warning (once) and `chat-error`. */
  report(detail: ChatErrorDetail): void {
    this.warn(detail.message);
    this.dispatch(new ChatErrorEvent({ code: detail.code, message: detail.message }));
  }
}
