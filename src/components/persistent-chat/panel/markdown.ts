import { html, type TemplateResult } from 'lit';
import { bidiControls, linkify, safeHref } from './linkify.js';

type Inline = Array<string | TemplateResult>;

// `code`, **bold**, *italic* or _italic_, [text](http…): the inline markdown agents use.
// Each span is bounded, so that no text makes the search slow (a hostile 100 KB line stays linear).
const inlinePattern = /`([^`\n]{1,500})`|\*\*([^*\n]{1,500})\*\*|\*([^*\n]{1,500})\*|(?<![\w])_([^_\n]{1,500})_(?![\w])|\[([^\]\n]{1,300})\]\((https?:\/\/[^\s)]{1,2000})\)/g;
/** Longer text than the Guest API allows an agent (4,000 characters, with room) is shown as plain text. */
const maxMarkdownLength = 8000;
const listItem = /^\s*(?:[-*+]|(\d+)[.)])\s+(.*)$/;

/**
 * Agent text as markdown, where the deployment enables it: paragraphs, bullet and numbered
 * lists, fenced code, and inline code, bold, italic and links. Built as lit templates, never
 * as HTML: whatever the text holds stays text. Links follow the same rules as bare
 * addresses (http(s) only, a new tab without access to this page), and a link whose text is
 * not its address shows the host it leads to, so that the visitor sees where it goes.
 */
export function renderMarkdown(text: string): Array<TemplateResult | string> {
  if (text.length > maxMarkdownLength) return linkify(text);
  const blocks: TemplateResult[] = [];
  // No direction controls anywhere: not in code spans or link labels either.
  const lines = text.replace(bidiControls, '').replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; ) {
    const line = lines[i]!;
    if (line.startsWith('```')) {
      const end = lines.indexOf('```', i + 1);
      const last = end < 0 ? lines.length : end;
      blocks.push(html`<pre><code>${lines.slice(i + 1, last).join('\n')}</code></pre>`);
      i = last + 1;
    } else if (listItem.test(line)) {
      const ordered = listItem.exec(line)![1] !== undefined;
      const items: Inline[] = [];
      while (i < lines.length && listItem.test(lines[i]!) && (listItem.exec(lines[i]!)![1] !== undefined) === ordered) {
        items.push(inline(listItem.exec(lines[i]!)![2]!));
        i++;
      }
      const rendered = items.map((item) => html`<li>${item}</li>`);
      blocks.push(ordered ? html`<ol>${rendered}</ol>` : html`<ul>${rendered}</ul>`);
    } else if (line.trim() === '') {
      i++;
    } else {
      const paragraph: string[] = [];
      while (i < lines.length && lines[i]!.trim() !== '' && !lines[i]!.startsWith('```') && !listItem.test(lines[i]!)) paragraph.push(lines[i++]!);
      blocks.push(html`<p>${inline(paragraph.join('\n'))}</p>`);
    }
  }
  return blocks;
}

function inline(text: string): Inline {
  const parts: Inline = [];
  let last = 0;
  for (const match of text.matchAll(inlinePattern)) {
    parts.push(...linkify(text.slice(last, match.index)));
    const [, code, bold, star, underscore, label, address] = match;
    if (code !== undefined) parts.push(html`<code>${code}</code>`);
    else if (bold !== undefined) parts.push(html`<strong>${inline(bold)}</strong>`);
    else if (star !== undefined || underscore !== undefined) parts.push(html`<em>${inline((star ?? underscore)!)}</em>`);
    else parts.push(link(label!, address!));
    last = match.index + match[0].length;
  }
  parts.push(...linkify(text.slice(last)));
  return parts;
}

function link(label: string, address: string): string | TemplateResult {
  const href = safeHref(address);
  if (!href) return label;
  const host = new URL(href).host;
  return html`<a href=${href} target="_blank" rel="noopener noreferrer">${label}</a>${label === address ? '' : html` <span class="link-host">(${host})</span>`}`;
}
