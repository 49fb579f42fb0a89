import { median, startChat } from './stats.mjs';

const messageCount = 200;

/**
 * Navigation start to a 200-message transcript on screen, after a reload: with the
 * IndexedDB cache, and without it (history from the server), in the same run.
 */
export async function measureRestore(browser, origin, server, runs) {
  return [
    await measureWith(browser, origin, server, runs, { label: 'loopback', latencyMs: 0 }),
    await measureWith(browser, origin, server, runs, { label: '150 ms round trips', latencyMs: 150 }),
  ];
}

async function measureWith(browser, origin, server, runs, network) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const url = `${origin('localhost')}/`;
  const opening = `restore benchmark, ${network.label}`;
  await startChat(page, url, opening);
  const { id } = server.emulator.sessions().find((each) => each.messages.some((message) => message.text === opening));
  const emulatorSession = server.emulator.findById(id);
  for (let i = 1; i < messageCount; i++) server.emulator.agentSays(emulatorSession, `Agent message ${i} of ${messageCount - 1}`);
  const newest = `Agent message ${messageCount - 1} of ${messageCount - 1}`;
  await page.locator('persistent-chat .bubble', { hasText: newest }).waitFor();
  await page.waitForTimeout(300);
  await context.addInitScript(watchTranscript, newest);
  if (network.latencyMs > 0) {
    // Chromium's own network emulation: every request and the socket's handshake wait a round trip.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: network.latencyMs, downloadThroughput: -1, uploadThroughput: -1 });
  }

  // Between runs the page leaves for a document of the same origin without the widget, so
  // that the cache can be cleared without the widget writing it back as it unloads.
  const blank = `${origin('localhost')}/dist/persistent-chat.js.map`;
  const cached = [];
  const uncached = [];
  for (let run = 0; run < runs; run++) {
    await page.goto(blank);
    cached.push(await loadAndTime(page, url));
    await page.goto(blank);
    await clearCache(page);
    uncached.push(await loadAndTime(page, url));
  }
  await context.close();
  return {
    figure: `Reload to a ${messageCount}-message transcript on screen, from the cache (${network.label})`,
    value: Math.round(median(cached)),
    unit: 'ms',
    target: network.latencyMs > 0 ? 500 : 200,
    baseline: Math.round(median(uncached)),
    baselineLabel: 'no cache: server history',
  };
}

async function loadAndTime(page, url) {
  await page.goto(url);
  return page.waitForFunction(() => window.__transcriptVisibleAt, undefined, { polling: 50 }).then((handle) => handle.jsonValue());
}

async function clearCache(page) {
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const request = indexedDB.open('persistent-chat');
        request.onsuccess = () => {
          const store = request.result.transaction('records', 'readwrite').objectStore('records');
          const keys = store.getAllKeys();
          keys.onsuccess = () => {
            for (const key of keys.result) if (String(key).endsWith(':cache')) store.delete(key);
            store.transaction.oncomplete = () => resolve(undefined);
          };
        };
      }),
  );
}

/**
 * Runs in the page: records when the transcript first shows the newest message (ms since
 * navigation start). The widget puts the newest 60 of the 200 in the page.
 */
function watchTranscript(newest) {
  const check = () => {
    const bubbles = document.querySelector('persistent-chat')?.shadowRoot?.querySelectorAll('.bubble') ?? [];
    if ([...bubbles].some((bubble) => bubble.textContent === newest)) window.__transcriptVisibleAt = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}
