/**
 * The ownership protocol: what the tabs of one widget tell each other to keep exactly one
 * owner of the live connection. The chat itself travels in another protocol (`mirror/`)
 * over the same channel; each side reads only its own messages.
 */
export type OwnershipMessage =
  /** The visitor is using this tab now. */
  | { type: 'focused'; from: string }
  /** A visible follower checks that the owner still answers; only the owner replies. */
  | { type: 'ping'; from: string; to: string }
  | { type: 'pong'; from: string; to: string }
  /** A visible follower asks the hidden owner to give it the connection. */
  | { type: 'yield-request'; from: string; to: string }
  /** The owner has closed its socket: the requester may take the lock. */
  | { type: 'yielded'; from: string; to: string };

const addressed = new Set(['ping', 'pong', 'yield-request', 'yielded']);

/** Only same-origin pages (or a trusted hub) can post on the channel, but a message is still checked before use. */
export function isOwnershipMessage(value: unknown): value is OwnershipMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  if (typeof message.from !== 'string') return false;
  if (message.type === 'focused') return true;
  return addressed.has(String(message.type)) && typeof message.to === 'string';
}

/** Who sent a message on the tabs' channel, whatever its protocol; undefined for anything that is not a message. */
export function senderOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const from = (value as Record<string, unknown>).from;
  return typeof from === 'string' ? from : undefined;
}
