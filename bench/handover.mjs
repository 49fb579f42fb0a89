import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import { median, startChat } from './stats.mjs';

/**
 * Time from the owner tab's close (or crash) to the next tab being elected, and to its
 * session being configured, for the widget and, side by side, for the leader election of
 * the `broadcast-channel` package followed by the same configureSession.
 */
export async function measureHandover(browser, origin, runs) {
  const baselineScript = await bundleBaseline();
  const rows = [];
  for (const [label, leave] of [['close', closeTab], ['crash', crashTab]]) {
    const ours = [];
    const baseline = [];
    for (let run = 0; run < runs; run++) {
      ours.push(await widgetHandover(browser, origin, leave));
      baseline.push(await baselineHandover(browser, origin, baselineScript, leave));
    }
    const medianOf = (list, key) => Math.round(median(list.map((each) => each[key])));
    rows.push({
      figure: `Owner ${label} to next tab elected`,
      value: medianOf(ours, 'elected'),
      unit: 'ms',
      baseline: medianOf(baseline, 'elected'),
      baselineLabel: 'broadcast-channel leader election',
    });
    rows.push({
      figure: `Owner ${label} to next tab's session configured`,
      value: medianOf(ours, 'configured'),
      unit: 'ms',
      target: 1000,
      baseline: medianOf(baseline, 'configured'),
      baselineLabel: 'the same election, then configureSession',
    });
  }
  return rows;
}

const closeTab = (page) => page.close();
async function crashTab(page) {
  const cdp = await page.context().newCDPSession(page);
  cdp.send('Page.crash').catch(() => {});
}

/** Records in the page when the widget's tab becomes the owner, and when each SessionResponse arrives on any WebSocket. */
function recordConfigured() {
  window.__configuredAt = [];
  window.__electedAt = [];
  document.addEventListener('chat-ownership', (event) => event.detail.owner && window.__electedAt.push(Date.now()));
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (typeof event.data === 'string' && event.data.includes('"class":"SessionResponse"')) window.__configuredAt.push(Date.now());
      });
    }
  };
}

async function widgetHandover(browser, origin, leave) {
  const context = await browser.newContext();
  await context.addInitScript(recordConfigured);
  const owner = await context.newPage();
  await startChat(owner, `${origin('localhost')}/`, `handover ${Math.random()}`);
  const next = await context.newPage();
  await next.goto(`${origin('localhost')}/`);
  await next.locator('persistent-chat[ready]').waitFor();
  await next.waitForTimeout(200);
  const left = Date.now();
  await leave(owner);
  const configuredAt = await next.waitForFunction((since) => window.__configuredAt.find((at) => at >= since), left).then((handle) => handle.jsonValue());
  const electedAt = await next.evaluate((since) => window.__electedAt.find((at) => at >= since), left);
  await context.close();
  return { elected: electedAt - left, configured: configuredAt - left };
}

async function baselineHandover(browser, origin, script, leave) {
  const context = await browser.newContext();
  const blank = `${origin('localhost')}/bench/blank.html`;
  await context.route(blank, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>baseline</title>' }));
  const [first, second] = [await context.newPage(), await context.newPage()];
  for (const page of [first, second]) {
    await page.goto(blank);
    await page.addScriptTag({ content: script });
  }
  const socketUrl = `ws://localhost:${new URL(origin('localhost')).port}/v1?deploymentId=bench-baseline`;
  const elect = (page) =>
    page.evaluate((url) => {
      window.__configuredAt = [];
      const election = window.BroadcastChannelLib.createLeaderElection(new window.BroadcastChannelLib.BroadcastChannel('bench-handover'));
      return new Promise((becameLeader) => {
        election.awaitLeadership().then(() => {
          window.__electedAt = Date.now();
          becameLeader(true);
          const socket = new WebSocket(url);
          const token = crypto.randomUUID();
          socket.onopen = () => socket.send(JSON.stringify({ action: 'configureSession', deploymentId: 'bench-baseline', token }));
          socket.onmessage = (event) => {
            if (event.data.includes('"class":"SessionResponse"')) window.__configuredAt.push(Date.now());
          };
        });
        setTimeout(() => becameLeader(false), 50);
      });
    }, socketUrl);
  await elect(first);
  await first.waitForFunction(() => window.__configuredAt.length > 0);
  await elect(second);
  await second.waitForTimeout(200);
  const left = Date.now();
  await leave(first);
  const configuredAt = await second.waitForFunction((since) => window.__configuredAt.find((at) => at >= since), left, { timeout: 30_000 }).then((handle) => handle.jsonValue());
  const electedAt = await second.evaluate(() => window.__electedAt);
  await context.close();
  return { elected: electedAt - left, configured: configuredAt - left };
}

/** broadcast-channel's browser build, bundled into one script that sets window.BroadcastChannelLib. */
async function bundleBaseline() {
  const bundle = await rollup({
    input: 'node_modules/broadcast-channel/dist/esbrowser/index.js',
    plugins: [nodeResolve({ browser: true }), commonjs()],
    onwarn: () => {},
  });
  const { output } = await bundle.generate({ format: 'iife', name: 'BroadcastChannelLib' });
  await bundle.close();
  return output[0].code;
}
