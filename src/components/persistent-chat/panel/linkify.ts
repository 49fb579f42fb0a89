import { html, type TemplateResult } from 'lit';

// A web address in text: from the scheme up to whitespace or a character that cannot end one.
const addressPattern = /\bhttps?:\/\/[^\s<>"'`]+/gi;
// Punctuation that ends a sentence rather than the address.
const trailingPunctuation = /[.,;:!?)\]}'"]+$/;

/**
 * Agent text with its http(s) addresses as links that open in a new tab without access to
 * this page. Everything else stays text: lit escapes it, nothing becomes HTML.
 */
export function linkify(text: string): Array<string | TemplateResult> {
  const parts: Array<string | TemplateResult> = [];
  let last = 0;
  for (const match of text.matchAll(addressPattern)) {
    const raw = match[0];
    const address = raw.replace(trailingPunctuation, '');
    const href = safeHref(address);
    if (!href) continue;
    const start = match.index;
    parts.push(text.slice(last, start));
    parts.push(html`<a href=${href} target="_blank" rel="noopener noreferrer">${address}</a>`);
    last = start + address.length;
  }
  parts.push(text.slice(last));
  return parts;
}

/** The address as a link target when it is http(s); anything else (javascript:, data:) is never a link. */
export function safeHref(address: string): string | undefined {
  try {
    const url = new URL(address);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
