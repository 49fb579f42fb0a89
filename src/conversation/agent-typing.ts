import type { ChatMessage } from '../base/chat-message.js';

/** The name of the agent who wrote last, for "Sam is typing…". */
export function lastAgentName(messages: readonly ChatMessage[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.author === 'agent') return messages[i]!.senderName;
  return undefined;
}

/** The agent's typing indicator: on for the duration the server gives, off when a message arrives. */
export class AgentTyping {
  #current: { name: string | undefined; timer: ReturnType<typeof setTimeout> } | undefined;

  constructor(private readonly expired: () => void) {}

  get current(): { readonly name: string | undefined } | undefined {
    return this.#current ? { name: this.#current.name } : undefined;
  }

  start(durationMs: number, name: string | undefined): void {
    clearTimeout(this.#current?.timer);
    const timer = setTimeout(() => {
      this.#current = undefined;
      this.expired();
    }, durationMs);
    this.#current = { name, timer };
  }

  /** Returns whether it was on. */
  stop(): boolean {
    if (!this.#current) return false;
    clearTimeout(this.#current.timer);
    this.#current = undefined;
    return true;
  }
}
