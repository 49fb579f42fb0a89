import { budgets, sizesOf } from '../scripts/check-size.mjs';

/** What a site serves: the embed file, and the hub (its script and page). */
export async function measureSizes() {
  const widget = await sizesOf('dist/persistent-chat.js');
  const hubScript = await sizesOf('dist/hub.js');
  const hubPage = await sizesOf('dist/hub.html');
  const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;
  return [
    { figure: 'dist/persistent-chat.js, minified', value: kb(widget.minified), unit: 'KB' },
    { figure: 'dist/persistent-chat.js, gzip', value: kb(widget.gzip), unit: 'KB', target: budgets['dist/persistent-chat.js'] / 1024 },
    { figure: 'dist/persistent-chat.js, brotli', value: kb(widget.brotli), unit: 'KB' },
    { figure: 'The hub: dist/hub.js + dist/hub.html, gzip', value: kb(hubScript.gzip + hubPage.gzip), unit: 'KB', target: budgets['dist/hub.js'] / 1024 },
    { figure: 'The hub: dist/hub.js + dist/hub.html, brotli', value: kb(hubScript.brotli + hubPage.brotli), unit: 'KB' },
  ];
}
