import type { ChatErrorDetail } from '../events/chat-events.js';
import { ChatHandoffEvent, type HandoffRefusal } from '../events/chat-handoff-event.js';
import { randomId } from '../base/random-id.js';
import { shouldAdoptHubRecord } from '../hub/hub-reconcile.js';
import type { SessionRecord } from '../storage/session-record.js';
import type { SessionParts } from '../session/session-parts.js';
import type { SettingValues } from '../session/session-settings.js';
import { resolveStorageSettings } from '../config/storage-config.js';
import { takeArrivedHandoff, type ArrivedHandoff } from './arrived-handoff.js';
import { decodeHandoff, encodeHandoff, handoffLifetimeMs, widgetOf } from './handoff-code.js';
import { HandoffReceipts } from './handoff-receipts.js';
import { LinkDecorator } from './link-decorator.js';
import { within } from '../base/time-limit.js';

/** How long a hand-off that arrived waits for the hub's list of linked sites (the session waits 5 s in all). */
const sitesWaitMs = 4000;
import { readLinkedSites } from './linked-sites.js';

/** What a hand-off needs of the chat it belongs to. */
export interface HandoffSite {
  readonly name: string;
  readonly deploymentId: string;
  /** The `linked-domains` attribute. */
  readonly linkedDomains: string;
  /** The storage hub's trusted origins, where there is a hub: the linked sites when the attribute lists none. */
  readonly hubSites: Promise<readonly string[]> | undefined;
  /** Whether accepted hand-offs may be remembered in localStorage (consent granted, a persistent store). */
  readonly mayStore: boolean;
  /** The visitor's conversation, to hand over: undefined without one, or without consent. */
  conversation(): SessionRecord | undefined;
  dispatch(event: Event): void;
  warn(message: string): void;
  report(problem: ChatErrorDetail): void;
}

/** The settings a hand-off reads. */
export type HandoffSettings = Pick<SettingValues, 'name' | 'deploymentId' | 'linkedDomains' | 'storage' | 'persist' | 'consent' | 'iframeUrl' | 'cookieDomain'>;

/** Where problems go: a console line (once) and `chat-error`. */
export interface Reporter {
  warn(message: string): void;
  report(problem: ChatErrorDetail): void;
}

/** What the destination's own conversation is, for the rule that decides between the two. */
export interface LocalConversation {
  readonly record: SessionRecord | undefined;
  readonly hasMessages: boolean;
}

/**
 * Link hand-off: the visitor's conversation follows them to the organisation's other sites
 * through the links they follow, in every browser, with no third-party storage. The source
 * adds a one-time, minute-long code to the navigation's fragment (never the query: fragments
 * are not sent to servers or in `Referer`); the destination takes it out of the address bar
 * at once (`arrived-handoff.ts`), checks it here, and continues the conversation as when the
 * storage hub hands one over. This module and what it imports are a chunk of their own.
 */
export class HandoffLink {
  readonly #widget: string;
  readonly #receipts: HandoffReceipts;
  readonly #decorator: LinkDecorator;
  #sites = new Set<string>();
  /** Resolves once the linked sites are known (at once, unless they come from the hub). */
  readonly #sitesKnown: Promise<void>;

  /** Link hand-offs for one set of a chat's parts. */
  static for({ store, conversation, hub }: SessionParts, settings: HandoffSettings, reporter: Reporter, dispatch: (event: Event) => void): HandoffLink {
    const { mode } = resolveStorageSettings(settings, location.hostname).settings;
    return new HandoffLink({
      name: settings.name || 'default',
      deploymentId: settings.deploymentId,
      linkedDomains: settings.linkedDomains,
      hubSites: hub?.then((link) => link?.sites() ?? []),
      mayStore: store.consent === 'granted' && mode !== 'memory',
      conversation: () => (store.consent === 'granted' ? conversation.record : undefined),
      dispatch,
      warn: (message) => reporter.warn(message),
      report: (problem) => reporter.report(problem),
    });
  }

  constructor(private readonly site: HandoffSite) {
    this.#widget = widgetOf(site.name, site.deploymentId);
    this.#receipts = new HandoffReceipts(site.mayStore);
    const linked = readLinkedSites(site.linkedDomains);
    for (const message of linked.problems) site.report({ code: 'invalid-attribute', message });
    this.#sitesKnown = linked.off
      ? Promise.resolve()
      : linked.origins.length > 0 || !site.hubSites
        ? Promise.resolve(this.#setSites(linked.origins))
        : // The hub's list, if it answers in time (its own handshake has a limit too).
        within(site.hubSites, sitesWaitMs, []).then((origins) => this.#setSites(origins));
    this.#decorator = new LinkDecorator((url) => this.#decorated(url));
  }

  /**
   * `url` with a hand-off of the visitor's conversation, where it goes to a linked site and
   * there is a conversation to hand over (and consent); otherwise `url` as it was.
   */
  decorate(url: string): string {
    if (typeof url !== 'string' && !((url as unknown) instanceof URL)) {
      this.site.report({
        code: 'invalid-argument',
        message: `decorate(url) takes a URL string, not ${typeof url}; the address is left as it was`,
      });
      return url;
    }
    return this.#decorated(String(url)) ?? String(url);
  }

  /**
   * Checks the hand-off this page arrived with; resolves with the session to continue, or
   * undefined when it is refused (reported with `chat-handoff` and one console line) or the
   * visitor's conversation is already the one here.
   */
  async receive(arrived: ArrivedHandoff, local: LocalConversation): Promise<SessionRecord | undefined> {
    const handoff = decodeHandoff(arrived.code);
    // Made for another widget: left for it, if it is on the page.
    if (handoff && handoff.widget !== this.#widget) return this.#refuse('other-widget');
    // Looked at once, by one chat (parts built again, or another widget, find it taken).
    if (!takeArrivedHandoff(arrived)) return undefined;
    this.#scrollToRest(arrived.rest);
    if (!handoff) return this.#refuse('malformed');
    const now = Date.now();
    // Made here, a code expires within its minute (and a second of rounding): one that claims longer was not made by a widget.
    if (handoff.expiresAt <= now || handoff.expiresAt > now + handoffLifetimeMs + 5000) return this.#refuse('expired');
    if (this.#receipts.has(handoff.id, now)) return this.#refuse('used');
    const from = referrerOrigin();
    if (!from) return this.#refuse('no-referrer');
    await this.#sitesKnown;
    if (!this.#sites.has(from)) return this.#refuse('unlisted-referrer');
    this.#receipts.add(handoff.id, handoff.expiresAt, now);
    const same = handoff.record.token === local.record?.token;
    if (!same && !shouldAdoptHubRecord(handoff.record, local.record, local.hasMessages, now, 'incoming')) return this.#refuse('newer-here');
    this.site.dispatch(new ChatHandoffEvent({ accepted: true, from }));
    return same ? undefined : handoff.record;
  }

  dispose(): void {
    this.#decorator.dispose();
  }

  #setSites(origins: readonly string[]): void {
    this.#sites = new Set(origins.filter((origin) => origin !== location.origin));
  }

  #decorated(address: string): string | undefined {
    let url: URL;
    try {
      url = new URL(address, location.href);
    } catch {
      return undefined;
    }
    const record = this.#sites.has(url.origin) ? this.site.conversation() : undefined;
    if (!record) return undefined;
    const code = encodeHandoff({
      widget: this.#widget,
      expiresAt: Date.now() + handoffLifetimeMs,
      id: randomId(),
      record,
    });
    // A code already in the address (written into a link by someone else) gives way to this visitor's own.
    const rest = url.hash.slice(1).replace(/(?:^|&)pchat=[^&]*$/, '');
    url.hash = rest ? `${rest}&pchat=${code}` : `pchat=${code}`;
    return url.href;
  }

  #refuse(reason: HandoffRefusal): undefined {
    this.site.warn(`a hand-off of the conversation from another site was not accepted (${reason}); this page carries on without it`);
    this.site.dispatch(new ChatHandoffEvent({ accepted: false, reason }));
    return undefined;
  }

  /** The rest of the fragment may name a place in the page: the browser looked for it while the hand-off was still attached. */
  #scrollToRest(rest: string): void {
    if (!rest) return;
    try {
      document.getElementById(decodeURIComponent(rest))?.scrollIntoView();
    } catch {
      // Not an element's id (a router's path, say): nothing to scroll to.
    }
  }
}

function referrerOrigin(): string | undefined {
  try {
    return document.referrer ? new URL(document.referrer).origin : undefined;
  } catch {
    return undefined;
  }
}
