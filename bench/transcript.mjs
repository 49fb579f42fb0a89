import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import { median } from './stats.mjs';

const count = 10_000;

/**
 * A 10,000-message transcript rendered the widget's way (the newest 60 in the page) and
 * the naive way (every message), in the same run: first render, one appended message,
 * and what the page holds afterwards.
 */
export async function measureTranscript(browser, origin, runs) {
  const script = await bundle();
  const rows = [];
  const results = {};
  for (const [label, shown] of [['windowed', 60], ['naive', count]]) {
    const renders = [];
    const appends = [];
    let memory;
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const blank = `${origin('localhost')}/bench/transcript.html`;
      await context.route(blank, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>transcript</title>' }));
      await page.goto(blank);
      await page.addScriptTag({ content: script, type: 'module' });
      await page.waitForFunction(() => typeof window.renderTranscript === 'function');
      renders.push(await page.evaluate(([n, s]) => window.renderTranscript(n, s), [count, shown]));
      appends.push(await page.evaluate((s) => window.appendMessage(s), shown));
      if (run === 0) memory = await pageMemory(page);
      await context.close();
    }
    results[label] = { render: median(renders), append: median(appends), ...memory };
  }
  const { windowed, naive } = results;
  rows.push({ figure: `Render a ${count.toLocaleString('en')}-message transcript`, value: round(windowed.render), unit: 'ms', target: 100, baseline: round(naive.render), baselineLabel: 'naive: every message' });
  rows.push({ figure: `Append one message to it`, value: round(windowed.append), unit: 'ms', target: 16, baseline: round(naive.append), baselineLabel: 'naive: every message' });
  rows.push({ figure: 'DOM nodes in the page afterwards', value: windowed.nodes, unit: 'nodes', baseline: naive.nodes, baselineLabel: 'naive: every message' });
  rows.push({ figure: 'JS heap in use afterwards', value: windowed.heapMB, unit: 'MB', baseline: naive.heapMB, baselineLabel: 'naive: every message' });
  return rows;
}

/** DOM nodes and JS heap after a garbage collection, from Chromium's own metrics. */
async function pageMemory(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name) => metrics.find((each) => each.name === name)?.value ?? 0;
  return { nodes: metric('Nodes'), heapMB: round(metric('JSHeapUsedSize') / 1048576) };
}

function round(value) {
  return Math.round(value * 10) / 10;
}

async function bundle() {
  const build = await rollup({ input: new URL('./fixtures/transcript-page.mjs', import.meta.url).pathname, plugins: [nodeResolve({ browser: true, exportConditions: ['production'] })], onwarn: () => {} });
  const { output } = await build.generate({ format: 'es' });
  await build.close();
  return output[0].code;
}
