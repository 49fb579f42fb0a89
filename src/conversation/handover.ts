import type { ChatMessage } from '../base/chat-message.js';
import type { ConversationHandover } from './conversation-types.js';

/** Settles a handover's open promises with its messages as they stand; what remains carries on without them. */
export function settleAsTheyStand(handover: ConversationHandover): ConversationHandover {
  for (const entry of handover.pending) {
    const shown = handover.messages.find((message) => message.clientId === entry.clientId);
    const message: ChatMessage = shown ?? { id: entry.clientId, clientId: entry.clientId, author: 'visitor', text: entry.text, time: new Date().toISOString(), delivery: 'sending' };
    for (const resolve of handover.waiting.get(entry.clientId) ?? []) resolve(message);
  }
  return { ...handover, waiting: new Map() };
}
