import { readdir } from 'node:fs/promises';
import { budgets, sizesOf } from '../scripts/check-size.mjs';

/** The chunks the embed fetches only when needed, by what they are for. */
const chunks = [
  ['panel', 'the open panel (first open, or a conversation to come back to)'],
  ['server-connection', 'the Guest API connection (once there is a session)'],
  ['hub-link', 'the storage hub client (pages with iframe-url)'],
  ['fr', 'French texts (pages in French)'],
  ['translation', "the texts' code: another language, or the page's own texts (pages that need more than English)"],
  ['tab-sync', "the tabs' election and what they say to each other (every page where tabs can talk)"],
  ['page-context', 'the page context sent with messages (every page, when it starts)'],
  ['notice-texts', "the notices' English texts (with the panel or the connection)"],
  ['handoff-link', 'link hand-off (pages with linked sites, once there is a conversation, or that received one)'],
  ['hub-reconcile', 'the rule between two conversations (with the hub or a hand-off)'],
  ['other-sites', 'what the hub and link hand-off share (pages with either, once wanted)'],
  ['hub-gate', 'the gate that tells the tabs when the visitor engages (pages with a hub)'],
  ['cookie-domain-probe', "the probe for the cookie's domain (the first cookie written)"],
  ['file-profile', "the files' checks (the first file chosen, or sent)"],
  ['queue-files', 'files chosen for a message (the first file chosen)'],
  ['upload-progress', 'upload progress, in every tab (the first upload)'],
  ['session-uploads', 'uploading files (the first file chosen, in the tab that holds the connection, or sent)'],
  ['kept-files', 'keeping files until they are sent (with the uploading)'],
  ['send-files', 'sendFile() (the first call)'],
  ['signed-in-visitor', 'signed-in visitors: token calls, refresh, sign-out (pages with auth)'],
];

/** What a site serves: the embed file, the chunks it loads when needed, and the hub (its script and page). */
export async function measureSizes() {
  const widget = await sizesOf('dist/persistent-chat.js');
  const hubScript = await sizesOf('dist/hub.js');
  const hubPage = await sizesOf('dist/hub.html');
  const files = (await readdir('dist/chunks')).filter((file) => file.endsWith('.js'));
  const chunkSizes = {};
  for (const [name] of chunks) {
    const file = files.find((candidate) => candidate.startsWith(`${name}-`));
    if (!file) throw new Error(`no dist/chunks/${name}-*.js: did the build's chunks change?`);
    chunkSizes[name] = await sizesOf(`dist/chunks/${file}`);
  }
  const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;
  const chatting = ['tab-sync', 'page-context', 'panel', 'notice-texts', 'server-connection', 'cookie-domain-probe'];
  const opened = widget.gzip + chatting.reduce((sum, name) => sum + chunkSizes[name].gzip, 0);
  const withFiles = opened + ['file-profile', 'queue-files', 'session-uploads', 'kept-files', 'upload-progress'].reduce((sum, name) => sum + chunkSizes[name].gzip, 0);
  return [
    { figure: 'dist/persistent-chat.js, minified', value: kb(widget.minified), unit: 'KB' },
    { figure: 'dist/persistent-chat.js, gzip', value: kb(widget.gzip), unit: 'KB', target: budgets['dist/persistent-chat.js'] / 1024 },
    { figure: 'dist/persistent-chat.js, brotli', value: kb(widget.brotli), unit: 'KB' },
    ...chunks.map(([name, what]) => ({ figure: `Chunk: ${what}, gzip`, value: kb(chunkSizes[name].gzip), unit: 'KB' })),
    { figure: 'All a visitor who chats loads (script, election, page context, panel, notices, connection, cookie probe), gzip', value: kb(opened), unit: 'KB' },
    { figure: 'All a visitor who chats and sends a file loads, gzip', value: kb(withFiles), unit: 'KB' },
    { figure: 'The hub: dist/hub.js + dist/hub.html, gzip', value: kb(hubScript.gzip + hubPage.gzip), unit: 'KB', target: budgets['dist/hub.js'] / 1024 },
    { figure: 'The hub: dist/hub.js + dist/hub.html, brotli', value: kb(hubScript.brotli + hubPage.brotli), unit: 'KB' },
  ];
}
