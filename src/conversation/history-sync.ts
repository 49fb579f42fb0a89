import type { HistoryClient } from '../transport/history-client.js';
import { normalizeStructuredMessage, type ServerEvent } from './normalize-message.js';
import type { Transcript } from './transcript.js';

const pageSize = 50;
const maxPages = 20;

/**
 * Reads history newest-first until it reaches what the transcript already holds (or the
 * start of the conversation), and returns the events oldest first.
 */
export async function readMissedHistory(history: HistoryClient, transcript: Transcript, signal?: AbortSignal): Promise<ServerEvent[]> {
  const known = transcript.size > 0;
  const pages: ServerEvent[][] = [];
  for (let pageNumber = 1; pageNumber <= maxPages; pageNumber++) {
    const page = await history.page(pageNumber, pageSize, signal);
    const events = page.entities.flatMap(normalizeStructuredMessage);
    pages.push(events);
    const reachedKnown = known && events.some((event) => event.kind === 'message' && transcript.has(event.message.id));
    if (reachedKnown || pageNumber >= page.pageCount || page.entities.length < pageSize) break;
  }
  return pages.reverse().flatMap((events) => events.reverse());
}
