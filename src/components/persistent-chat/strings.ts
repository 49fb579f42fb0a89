import { LazyChunk } from '../../base/lazy-chunk.js';
import type { PanelStrings } from './panel/panel-strings.js';

/**
 * The texts the embed itself shows: the launcher, and the panel while its code is on its way.
 * The open panel's English comes with the panel's code (`panel/panel-strings.ts`), so a page
 * whose visitor never opens the chat does not load it.
 */
export const launcherStrings = {
  launcherOpen: 'Open chat',
  launcherClose: 'Close chat',
  launcherUnread: (count: number) => `Open chat, ${count} unread ${count === 1 ? 'message' : 'messages'}`,
  title: 'Chat with us',
  minimise: 'Minimise chat',
  retry: 'Try again',
  agent: 'Agent',
  dismissTeaser: 'Dismiss',
  newMessageTitle: (count: number) => `(${count}) New message${count === 1 ? '' : 's'}`,
  panelLoading: 'Loading the chat…',
  panelFailed: 'The chat could not be loaded. Check your connection and try again.',
  thirdPartyAllow: 'Allow for this chat',
};

/** Every piece of text the widget shows, so that a page can translate or reword it. */
export type ChatStrings = typeof launcherStrings & PanelStrings;

/**
 * English, as the embed holds it: the launcher's texts. The panel lays its own English under
 * whatever table it is given (`withPanelTexts`), so there it is complete.
 */
export const englishStrings = launcherStrings as ChatStrings;

/** The built-in translations, each a chunk of its own, fetched only for a page in that language. */
const translations: Record<string, LazyChunk<{ strings: ChatStrings }>> = {
  fr: new LazyChunk(() => import('./translations/fr.js')),
};

/** The primary language of a tag (`fr` for `fr-CA`), if the widget has a translation for it. */
export function translationFor(lang: string | undefined): string | undefined {
  const primary = (lang ?? '').toLowerCase().split('-')[0] ?? '';
  return Object.hasOwn(translations, primary) ? primary : undefined;
}

/** Fetches the built-in translation for `language` (from `translationFor`). */
export async function loadTranslation(language: string): Promise<ChatStrings> {
  return (await translations[language]!.load()).strings;
}
