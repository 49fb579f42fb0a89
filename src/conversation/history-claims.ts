import type { OutboxEntry } from '../base/outbox-entry.js';
import type { ServerEvent } from './normalize-message.js';

/**
 * How far the server's clock may be behind this browser's when a message it received is
 * matched to one written here: a message in history older than the moment it was written by
 * more than this cannot be it.
 */
export const clockSkewMs = 60_000;

/**
 * Names the visitor's messages in history after the messages this browser still waits to
 * hear about. The real service is not known to keep a client's metadata in history, so a
 * message whose echo was lost is recognised by what it says: a visitor message the
 * transcript does not hold yet, with the same text, no older than the pending message's
 * writing (less `clockSkewMs`). Oldest matches oldest; each is claimed once. A message the
 * server has under its own id is already in the transcript, so two messages saying "yes"
 * are told apart. A message with files is recognised by their attachment ids, which this
 * browser made. Entries stored by an older version, without the time they were written, are
 * never matched (they are sent again rather than risk dropping one).
 */
export function recogniseSent(events: readonly ServerEvent[], pending: readonly OutboxEntry[], known: (serverId: string) => boolean): ServerEvent[] {
  const candidates = pending.filter((entry) => entry.writtenAt !== undefined);
  if (candidates.length === 0) return [...events];
  const claimed = new Set<string>();
  return events.map((event) => {
    if (event.kind !== 'message' || event.message.author !== 'visitor' || event.message.clientId || known(event.message.id)) return event;
    const time = Date.parse(event.message.time);
    // A message with files is its own: the attachment ids were made here, and history gives them back.
    const ids = (event.message.attachments ?? []).map(({ id }) => id).join(' ');
    const match = candidates.find((entry) =>
      !claimed.has(entry.clientId) && (entry.files?.length && Array.isArray(entry.files)
        ? entry.files.map((file) => file?.id).join(' ') === ids
        : (entry.reply?.text ?? entry.text) === event.message.text && time >= entry.writtenAt! - clockSkewMs),
    );
    if (!match) return event;
    claimed.add(match.clientId);
    return { ...event, message: { ...event.message, clientId: match.clientId } };
  });
}
