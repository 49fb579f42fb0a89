import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rollup } from 'rollup';
import { median } from './stats.mjs';

const loads = 20;

/** A lit element with a button and its styles: what any lit component costs to start. */
const bareElementSource = `
import { LitElement, css, html } from 'lit';
class BareElement extends LitElement {
  static styles = css\`button { width: 56px; height: 56px; border-radius: 50%; border: 0; background: #1f6feb; color: #fff; }\`;
  render() { return html\`<button type="button" aria-label="Chat">Chat</button>\`; }
  firstUpdated() { this.dispatchEvent(new Event('bare-ready', { bubbles: true, composed: true })); }
}
customElements.define('bare-element', BareElement);
`;

/**
 * From the moment a page starts loading the script to `chat-ready` (the element configured
 * and its session state read), median of 20 cold page loads; side by side, a bare lit element
 * bundled the same way, from script start to its first render.
 */
export async function measureStartup(browser, origin) {
  const bare = await bundleBareElement();
  const port = new URL(origin('localhost')).port;
  const page = (script, tag, event, attributes) => `<!doctype html><title>startup</title><script type="module">
    const start = performance.now();
    await import('${script}');
    const element = document.createElement('${tag}');
    ${attributes.map(([name, value]) => `element.setAttribute('${name}', '${value}');`).join('\n')}
    element.addEventListener('${event}', () => (window.__readyAfter = performance.now() - start), { once: true });
    document.body.append(element);
  </script>`;
  const widgetPage = page('/dist/persistent-chat.js', 'persistent-chat', 'chat-ready', [['deployment-id', 'bench-startup'], ['endpoint', `ws://localhost:${port}/v1`]]);
  const barePage = page('/bench/bare-element.js', 'bare-element', 'bare-ready', []);
  const ours = [];
  const baseline = [];
  for (let run = 0; run < loads; run++) {
    ours.push(await timeLoad(browser, origin, widgetPage, bare));
    baseline.push(await timeLoad(browser, origin, barePage, bare));
  }
  return [{
    figure: `Script start to chat-ready (median of ${loads} cold loads)`,
    value: round(median(ours)),
    unit: 'ms',
    baseline: round(median(baseline)),
    baselineLabel: 'a bare lit element, to first render',
    target: 150,
  }];
}

async function timeLoad(browser, origin, html, bare) {
  const context = await browser.newContext();
  await context.route(`${origin('localhost')}/bench/startup.html`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await context.route(`${origin('localhost')}/bench/bare-element.js`, (route) => route.fulfill({ contentType: 'text/javascript', body: bare }));
  const page = await context.newPage();
  await page.goto(`${origin('localhost')}/bench/startup.html`);
  const after = await page.waitForFunction(() => window.__readyAfter).then((handle) => handle.jsonValue());
  await context.close();
  return after;
}

async function bundleBareElement() {
  const bundle = await rollup({
    input: 'bare-element',
    plugins: [
      { name: 'bare-element', resolveId: (id) => (id === 'bare-element' ? id : null), load: (id) => (id === 'bare-element' ? bareElementSource : null) },
      nodeResolve({ browser: true, exportConditions: ['production'] }),
      terser({ ecma: 2022, module: true }),
    ],
  });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  return output[0].code;
}

const round = (ms) => Math.round(ms * 10) / 10;
