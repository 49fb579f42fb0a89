// npm run screenshots: the README's pictures, taken from the real demo in Chromium.
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright';
import { startDevServer } from '../build/server/dev-server.js';
import { sampleContent } from '../build/server/emulator/content-samples.js';
import { chromiumArgs, findChromium, required } from './browsers.mjs';

const server = await startDevServer({ port: 0 });
const browser = await chromium.launch({ executablePath: required(findChromium(), 'Chromium'), args: chromiumArgs });
const base = `http://localhost:${server.port}`;
const out = new URL('../docs/screenshots/', import.meta.url);
await mkdir(out, { recursive: true });

try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 760 }, deviceScaleFactor: 1 });
  await page.goto(`${base}/`);
  await page.locator('persistent-chat[ready]').waitFor();
  await page.screenshot({ path: new URL('launcher.png', out).pathname, clip: { x: 700, y: 460, width: 400, height: 300 } });

  await page.locator('persistent-chat [part~="launcher"]').click();
  await page.locator('persistent-chat textarea').fill('Hi! Do the Scree boots come in a wide fit?');
  await page.locator('persistent-chat textarea').press('Enter');
  await page.locator('persistent-chat [data-delivery="sent"]').waitFor();
  const { id } = server.emulator.sessions().at(-1);
  server.emulator.agentSays(server.emulator.findById(id), "Hi, I'm Sam. Yes: every size from 7 to 12 comes in a wide fit. Sizing guide: https://fernhill.example/sizes", {
    quickReplies: [{ text: 'Order wide fit', payload: 'ORDER' }, { text: 'Something else', payload: 'OTHER' }],
  });
  await page.locator('persistent-chat [part~="quick-reply"]').first().waitFor();
  await page.locator('persistent-chat textarea').blur();
  await page.screenshot({ path: new URL('panel.png', out).pathname, clip: { x: 690, y: 110, width: 410, height: 650 } });

  // What a bot or an agent can send besides text: markdown, a file, a carousel of cards.
  const session = server.emulator.findById(id);
  await page.locator('persistent-chat [part~="quick-reply"]').first().click();
  await page.locator('persistent-chat [data-delivery="sent"]').nth(1).waitFor();
  server.emulator.agentSays(session, 'Here is the **returns label** for your old pair, and our _delivery options_:', {
    content: sampleContent('file', server.emulator.files, server.emulator.publicOrigin),
  });
  server.emulator.agentSays(session, '', { content: sampleContent('carousel', server.emulator.files, server.emulator.publicOrigin) });
  await page.locator('persistent-chat [part~="carousel"] img').first().waitFor();
  await page.locator('persistent-chat').evaluate((element) => Promise.all([...element.shadowRoot.querySelectorAll('[part~="card"] img')].map((image) => image.decode().catch(() => {}))));
  await page.screenshot({ path: new URL('rich-content.png', out).pathname, clip: { x: 690, y: 110, width: 410, height: 650 } });
  console.log('docs/screenshots/launcher.png, panel.png and rich-content.png written');
} finally {
  await browser.close();
  await server.close();
}
