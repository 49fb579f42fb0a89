import { readFile } from 'node:fs/promises';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

// tsc compiles src/ to dist/esm/ (the npm build, lit left external, with types); rollup
// bundles that output into the single self-contained file a site embeds.
/** dist/hub.html is the page's source as it is: its trusted origins are the site's to fill in. */
function copyHubPage() {
  return {
    name: 'copy-hub-page',
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'hub.html', source: await readFile('src/hub/page/hub.html', 'utf8') });
    },
  };
}

const minify = terser({ ecma: 2022, module: true, format: { comments: false } });

export default [
  {
    input: { 'persistent-chat': 'dist/esm/define.js' },
    // The entry may export what its chunks share with it, so that the core stays in the one file.
    preserveEntrySignatures: 'allow-extension',
    // One script for the embed; what it loads only when needed (the open panel, the storage
    // hub's client…) goes to dist/chunks/, fetched from beside it.
    output: { dir: 'dist', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
    plugins: [nodeResolve({ browser: true, exportConditions: ['production'] }), minify],
  },
  {
    // The storage hub's script, beside dist/hub.html: a site hosts both on a domain of its own.
    input: 'dist/esm/hub/page/hub-main.js',
    output: { file: 'dist/hub.js', format: 'es', sourcemap: true },
    plugins: [copyHubPage(), minify],
  },
  {
    input: 'build/demo/agent-console/agent-console.js',
    output: { file: 'build/demo/agent/agent-console.js', format: 'es', sourcemap: true },
    plugins: [nodeResolve({ browser: true, exportConditions: ['production'] }), minify],
  },
];
