import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

// tsc compiles src/ to dist/esm/ (the npm build, lit left external, with types); rollup
// bundles that output into the single self-contained file a site embeds.
const minify = terser({ ecma: 2022, module: true, format: { comments: false } });

export default [
  {
    input: 'dist/esm/define.js',
    // One file for the embed: the virtualizer's lazily loaded layout is inlined too.
    output: { file: 'dist/persistent-chat.js', format: 'es', sourcemap: true, inlineDynamicImports: true },
    plugins: [nodeResolve({ browser: true, exportConditions: ['production'] }), minify],
  },
  {
    input: 'build/demo/agent-console/agent-console.js',
    output: { file: 'build/demo/agent/agent-console.js', format: 'es', sourcemap: true },
    plugins: [nodeResolve({ browser: true, exportConditions: ['production'] }), minify],
  },
];
