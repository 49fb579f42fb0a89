import { median } from './stats.mjs';

/**
 * What fetching the panel's code when it is first needed costs: a click on the launcher to
 * the composer in the page, on a page that has not fetched the panel yet (a new visitor, a
 * fresh browser cache, no pointer over the launcher first), against opening it a second
 * time on the same page, the code then being there. On loopback and with 150 ms round trips.
 */
export async function measureFirstOpen(browser, origin, runs) {
  return [await measureWith(browser, origin, runs, 0), await measureWith(browser, origin, runs, 150)];
}

async function measureWith(browser, origin, runs, latencyMs) {
  const first = [];
  const again = [];
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (latencyMs > 0) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: latencyMs, downloadThroughput: -1, uploadThroughput: -1 });
    }
    await page.goto(`${origin('localhost')}/`);
    await page.locator('persistent-chat[ready]').waitFor();
    first.push(await clickToComposer(page));
    await page.evaluate(() => document.querySelector('persistent-chat').close());
    again.push(await clickToComposer(page));
    await context.close();
  }
  const label = latencyMs > 0 ? `${latencyMs} ms round trips` : 'loopback';
  return {
    figure: `First open, panel fetched then: click to composer (${label})`,
    value: Math.round(median(first)),
    unit: 'ms',
    baseline: Math.round(median(again)),
    baselineLabel: 'opening it again, the code in the page',
  };
}

/** Clicks the launcher from script (no pointer over it first) and times until the composer is in the shadow root. */
function clickToComposer(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const element = document.querySelector('persistent-chat');
        const root = element.shadowRoot;
        const start = performance.now();
        const done = () => root.querySelector('textarea') && (observer.disconnect(), resolve(performance.now() - start));
        const observer = new MutationObserver(done);
        observer.observe(root, { childList: true, subtree: true });
        root.querySelector('[part~="launcher"]').click();
        done();
      }),
  );
}
