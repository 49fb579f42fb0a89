import { html, type TemplateResult } from 'lit';

// A web address in text: from the scheme up to whitespace or a character that cannot end one.
const addressPattern = /\bhttps?:\/\/[^\s<>"'`]{1,2000}/gi;
// Punctuation that ends a sentence rather than the address (bounded: a hostile run of ")" stays cheap).
const trailingPunctuation = /[.,;:!?)\]}'"]{1,20}$/;
// Controls that reorder text (embeddings, overrides, isolates): a link's text could be made to
// read as another address. They are taken out of agent text. (The marks LRM, RLM and ALM,
// which right-to-left text needs around numbers and brackets, reorder nothing and stay.)
export const bidiControls = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * Agent text with its http(s) addresses as links that open in a new tab without access to
 * this page. A link shows the address it opens, as the browser reads it: an international
 * host in its ASCII (punycode) form, never user info (`https://bank.example@evil.example/`
 * stays text), and no direction controls. Everything else stays text: lit escapes it.
 */
export function linkify(text: string): Array<string | TemplateResult> {
  const clean = text.replace(bidiControls, '');
  const parts: Array<string | TemplateResult> = [];
  let last = 0;
  for (const match of clean.matchAll(addressPattern)) {
    const raw = match[0];
    const address = raw.replace(trailingPunctuation, '');
    const href = safeHref(address);
    if (!href) continue;
    const start = match.index;
    parts.push(clean.slice(last, start));
    parts.push(html`<a href=${href} target="_blank" rel="noopener noreferrer">${shownAddress(address, href)}</a>`);
    last = start + address.length;
  }
  parts.push(clean.slice(last));
  return parts;
}

/** The address as a link target when it is http(s) and names no user; anything else is never a link. */
export function safeHref(address: string): string | undefined {
  try {
    const clean = address.replace(bidiControls, '');
    // Anything before an @ in the authority is user info, which makes a link read as another host.
    if (/^[a-z]+:\/*[^/?#]*@/i.test(clean)) return undefined;
    const url = new URL(clean);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** What a link says: the address it opens, without the slash the browser adds to a bare host. */
function shownAddress(written: string, href: string): string {
  return href.endsWith('/') && !written.endsWith('/') && new URL(href).pathname === '/' ? href.slice(0, -1) : href;
}
