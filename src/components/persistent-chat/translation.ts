import type { ReactiveControllerHost } from 'lit';
import { englishStrings, loadTranslation, translationFor, type ChatStrings } from './strings.js';

/**
 * The widget's texts in the page's language. English is built in; another language's table
 * is fetched the first time a page asks for it (each is a small chunk of its own). English
 * stands in until it arrives, and for good if it cannot.
 */
export class Translation {
  readonly #tables = new Map<string, ChatStrings>();
  readonly #pending = new Map<string, Promise<void>>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly warn: (message: string) => void,
  ) {}

  /** The built-in texts for a language tag (`fr`, `fr-CA`…): English if there is no translation, or until it is here. */
  stringsFor(lang: string | undefined): ChatStrings {
    const language = translationFor(lang);
    if (!language) return englishStrings;
    const table = this.#tables.get(language);
    if (!table) this.#load(language);
    return table ?? englishStrings;
  }

  /** Translations on their way, if any. */
  get loading(): Promise<unknown> | undefined {
    return this.#pending.size > 0 ? Promise.all(this.#pending.values()) : undefined;
  }

  #load(language: string): void {
    if (this.#pending.has(language)) return;
    const loading = loadTranslation(language).then(
      (table) => void this.#tables.set(language, table),
      (error: unknown) => {
        this.#tables.set(language, englishStrings);
        this.warn(`the ${language} texts could not be loaded (${error instanceof Error ? error.message : String(error)}); showing English`);
      },
    );
    this.#pending.set(
      language,
      loading.then(() => {
        this.#pending.delete(language);
        this.host.requestUpdate();
      }),
    );
  }
}
