import { messageKey, type ChatMessage } from '../../../base/chat-message.js';
import { dayOfYear, fullDate } from './formatters.js';

/** One row of the transcript as shown: a day separator or a message. */
export type TranscriptRow = { kind: 'day'; key: string; label: string } | { kind: 'message'; key: string; message: ChatMessage };

/** The messages with a separator wherever the (local) day changes. */
export function transcriptRows(messages: readonly ChatMessage[], dayLabel: (date: Date) => string): TranscriptRow[] {
  const rows: TranscriptRow[] = [];
  let currentDay = '';
  for (const message of messages) {
    const date = new Date(message.time);
    const day = `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
    if (day !== currentDay) {
      currentDay = day;
      rows.push({ kind: 'day', key: `day-${day}`, label: dayLabel(date) });
    }
    rows.push({ kind: 'message', key: messageKey(message), message });
  }
  return rows;
}

/** "Today", "Yesterday", or the date in the visitor's language. */
export function relativeDay(date: Date, words: { today: string; yesterday: string }, locale: string | undefined, now = new Date()): string {
  const startOfDay = (each: Date) => new Date(each.getFullYear(), each.getMonth(), each.getDate()).getTime();
  const days = Math.round((startOfDay(now) - startOfDay(date)) / 86_400_000);
  if (days === 0) return words.today;
  if (days === 1) return words.yesterday;
  return (days > 300 ? fullDate(locale) : dayOfYear(locale)).format(date);
}
