import { isDomainOfHost } from '../storage/adapters/cookie-domain.js';
import { adapterNames, type AdapterName } from '../storage/storage-adapter.js';
import type { ConsentState, StorageMode } from '../storage/session-store.js';

/**
 * How long a conversation is kept on this device: for the browser session (`session`), for
 * `days` after its last activity, or not at all beyond the page (`none`, memory only).
 */
export type Persistence = { readonly kind: 'session' } | { readonly kind: 'days'; readonly days: number } | { readonly kind: 'none' };

export interface StorageSettings {
  readonly mode: StorageMode;
  readonly persist: Persistence;
  readonly cookieDomain: 'auto' | 'none' | string;
  readonly consent: ConsentState;
  /** The storage hub's page, for continuing the session on the organisation's other sites. */
  readonly iframeUrl: URL | undefined;
  /**
   * The hub is on the page's own site: it carries the session to the site's sub-domains, and
   * the shared cookie holds no token (any sub-domain's scripts could read it there).
   */
  readonly hubOnSite: boolean;
}

export interface StorageSettingsProblem {
  readonly code: 'invalid-attribute';
  readonly attribute: 'storage' | 'cookie-domain' | 'consent' | 'iframe-url' | 'persist';
  readonly message: string;
}

const consentStates: readonly ConsentState[] = ['granted', 'pending', 'denied'];

/**
 * Checks the storage attributes. Each invalid value falls back to its default, except
 * `consent`: a value that cannot be read is treated as `pending` (memory only), because
 * storing against a page's wishes is worse than forgetting a conversation.
 */
export function resolveStorageSettings(
  input: { storage?: string | null; cookieDomain?: string | null; consent?: string | null; iframeUrl?: string | null; persist?: string | null },
  hostname: string,
): { settings: StorageSettings; problems: StorageSettingsProblem[] } {
  const problems: StorageSettingsProblem[] = [];
  const storage = (input.storage ?? '').trim().toLowerCase() || 'auto';
  let mode: StorageMode = 'auto';
  if (storage === 'auto' || (adapterNames as readonly string[]).includes(storage)) mode = storage as AdapterName | 'auto';
  else problems.push({ code: 'invalid-attribute', attribute: 'storage', message: `storage ${JSON.stringify(input.storage)} is not one of auto, ${adapterNames.join(', ')}; using auto` });

  const domain = (input.cookieDomain ?? '').trim().toLowerCase().replace(/^\./, '') || 'auto';
  let cookieDomain = domain;
  if (domain !== 'auto' && domain !== 'none' && !isDomainOfHost(domain, hostname)) {
    cookieDomain = 'auto';
    problems.push({ code: 'invalid-attribute', attribute: 'cookie-domain', message: `cookie-domain ${JSON.stringify(input.cookieDomain)} is not ${hostname} or one of its parent domains; using auto` });
  }

  const consentText = (input.consent ?? '').trim().toLowerCase() || 'granted';
  let consent: ConsentState = 'pending';
  if ((consentStates as readonly string[]).includes(consentText)) consent = consentText as ConsentState;
  else problems.push({ code: 'invalid-attribute', attribute: 'consent', message: `consent ${JSON.stringify(input.consent)} is not granted, pending or denied; keeping everything in memory (pending)` });

  let iframeUrl = hubUrl(input.iframeUrl, problems);
  if (mode === 'iframe' && !iframeUrl) {
    mode = 'auto';
    problems.push({ code: 'invalid-attribute', attribute: 'storage', message: 'storage "iframe" needs iframe-url (the address of your hub.html); using auto' });
  }
  const persist = readPersistence(input.persist, problems);
  // Kept nowhere beyond the page: memory only, and no hub.
  if (persist.kind === 'none') mode = 'memory';
  // The hub is one more store for auto and iframe; a page that chose another store chose to keep it local.
  if (iframeUrl && mode !== 'auto' && mode !== 'iframe') iframeUrl = undefined;

  const hubOnSite = iframeUrl !== undefined && mode === 'auto' && siteOf(iframeUrl.hostname) === siteOf(hostname);
  return { settings: { mode, persist, cookieDomain, consent, iframeUrl, hubOnSite }, problems };
}

/**
 * The host's last two labels. Without the public suffix list this can take two sites under
 * one suffix (`a.co.uk`, `b.co.uk`) for one: that only keeps the token out of the cookie.
 */
function siteOf(hostname: string): string {
  return hostname.split('.').slice(-2).join('.');
}

/** `session` (the default), `none`, or `days:N` with N from 1 to 400 (browsers keep no cookie longer). */
function readPersistence(value: string | null | undefined, problems: StorageSettingsProblem[]): Persistence {
  const text = (value ?? '').trim().toLowerCase() || 'session';
  if (text === 'session' || text === 'none') return { kind: text };
  const days = /^days:(\d{1,3})$/.exec(text)?.[1];
  if (days && Number(days) >= 1 && Number(days) <= 400) return { kind: 'days', days: Number(days) };
  problems.push({ code: 'invalid-attribute', attribute: 'persist', message: `persist ${JSON.stringify(value)} is not session, none or days:N (N from 1 to 400); keeping the conversation for the browser session` });
  return { kind: 'session' };
}

/** An absolute http(s) URL without credentials, or nothing. */
function hubUrl(value: string | null | undefined, problems: StorageSettingsProblem[]): URL | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url && (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password) return url;
  problems.push({ code: 'invalid-attribute', attribute: 'iframe-url', message: `iframe-url ${JSON.stringify(text)} is not an absolute http(s) URL of a hub page; continuing without the hub` });
  return undefined;
}
