import type { AttributeMap } from './guest-attributes.js';

export const contextKeys = ['source', 'url', 'referrer', 'pageTitle'] as const;
export type ContextKey = (typeof contextKeys)[number];

export interface ContextSettings {
  /** Which page facts are sent. */
  readonly keys: readonly ContextKey[];
  /** Keep the query and fragment of `url` and `referrer` (off by default: they often carry personal data). */
  readonly fullUrl: boolean;
}

export const defaultContextSettings: ContextSettings = { keys: contextKeys, fullUrl: false };

/**
 * The `context-attributes` attribute: `auto` (default: all four), `none`, or a list of
 * `source`, `url`, `referrer`, `pageTitle`, with `full-url` to keep query strings.
 */
export function parseContextSettings(text: string | null | undefined): { settings: ContextSettings; problem?: string } {
  const words = (text ?? '').split(/[\s,]+/).filter(Boolean);
  if (words.length === 0 || (words.length === 1 && words[0] === 'auto')) return { settings: defaultContextSettings };
  if (words.length === 1 && (words[0] === 'none' || words[0] === 'off')) return { settings: { keys: [], fullUrl: false } };
  const fullUrl = words.includes('full-url');
  const named = words.filter((word) => word !== 'full-url' && word !== 'auto');
  const unknown = named.filter((word) => !(contextKeys as readonly string[]).includes(word));
  const keys = named.length === 0 ? contextKeys : contextKeys.filter((key) => named.includes(key));
  const settings = { keys, fullUrl };
  return unknown.length > 0
    ? { settings, problem: `context-attributes: unknown ${unknown.map((word) => JSON.stringify(word)).join(', ')}; use auto, none, or ${contextKeys.join(', ')}, full-url` }
    : { settings };
}

/** What the page says about itself, as the product's attached-data document lists it. */
export function pageContext(settings: ContextSettings, page: { href: string; referrer: string; title: string } = defaultPage()): AttributeMap {
  const facts: Record<ContextKey, string> = {
    source: 'web',
    url: settings.fullUrl ? page.href : stripUrl(page.href),
    referrer: settings.fullUrl ? page.referrer : stripUrl(page.referrer),
    pageTitle: page.title.trim(),
  };
  const context: Record<string, string> = {};
  for (const key of settings.keys) if (facts[key] !== '') context[key] = facts[key];
  return context;
}

function defaultPage() {
  return { href: location.href, referrer: document.referrer, title: document.title };
}

function stripUrl(href: string): string {
  if (!href) return '';
  try {
    const url = new URL(href);
    return `${url.origin}${url.pathname}`;
  } catch {
    return '';
  }
}
