import { errorText } from '../../base/error-text.js';
import type { ReactiveControllerHost } from 'lit';
import { LazyChunk } from '../../base/lazy-chunk.js';
import { givesNoTexts } from './page-texts.js';
import { englishStrings, loadTranslation, translationFor, type ChatStrings } from './strings.js';

/**
 * The check of the page's own texts comes with the panel's code, which holds the panel's
 * English: a page that rewords the widget fetches the panel early; one that does not, never.
 */
const customStringsCode = new LazyChunk(() => import('./panel/index.js'));

/**
 * The widget's texts in the page's language (a chunk of its own: the element fetches it only
 * for a page that is not in English, or gives texts of its own). English is built in; another language's table
 * is fetched the first time a page asks for it (each is a small chunk of its own). English
 * stands in until it arrives, and for good if it cannot.
 */
export class Translation {
  readonly #tables = new Map<string, ChatStrings>();
  readonly #pending = new Map<string, Promise<void>>();
  /** The page's texts as last checked, kept while neither they nor the language change. */
  #custom: { given: unknown; base: ChatStrings; strings: ChatStrings } | undefined;
  #checkerFailed = false;

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

  /**
   * `base` with the page's own texts (`strings`) laid over it, once they are checked. The
   * checker is a chunk of its own (few pages reword the widget): until it has arrived, the
   * built-in texts stand in, as for a translation.
   */
  withPageStrings(base: ChatStrings, given: unknown, report: (message: string) => void): ChatStrings {
    if (givesNoTexts(given)) return base;
    const checker = customStringsCode.value;
    if (checker) return this.#checked(checker.withCustomStrings, base, given, report);
    if (this.#checkerFailed) return base;
    this.#track(
      'strings',
      customStringsCode.load().then(
        () => undefined,
        (error: unknown) => {
          this.#checkerFailed = true;
          this.warn(`the page's texts could not be checked (${errorText(error)}); showing the built-in texts`);
        },
      ),
    );
    return base;
  }

  #checked(check: typeof import('./custom-strings.js').withCustomStrings, base: ChatStrings, given: unknown, report: (message: string) => void): ChatStrings {
    const cached = this.#custom;
    if (cached && cached.given === given && cached.base === base) return cached.strings;
    let strings = base;
    try {
      strings = check(base, given, report);
    } catch (error) {
      // A getter or a proxy of the page's that throws: the built-in texts stand.
      report(`strings could not be read (${errorText(error)}); showing the built-in texts`);
    }
    this.#custom = { given, base, strings };
    return strings;
  }

  /** Translations (and the texts' checker) on their way, if any. */
  get loading(): Promise<unknown> | undefined {
    return this.#pending.size > 0 ? Promise.all(this.#pending.values()) : undefined;
  }

  #load(language: string): void {
    if (this.#pending.has(language)) return;
    const loading = loadTranslation(language).then(
      (table) => void this.#tables.set(language, table),
      (error: unknown) => {
        this.#tables.set(language, englishStrings);
        this.warn(`the ${language} texts could not be loaded (${errorText(error)}); showing English`);
      },
    );
    this.#track(language, loading);
  }

  /** Keeps what is on its way until it has arrived, then renders again. */
  #track(key: string, loading: Promise<void>): void {
    if (this.#pending.has(key)) return;
    this.#pending.set(
      key,
      loading.then(() => {
        this.#pending.delete(key);
        this.host.requestUpdate();
      }),
    );
  }
}
