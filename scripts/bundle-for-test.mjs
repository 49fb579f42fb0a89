// Bundles a page's entry as a site's build would (rollup, resolving from the current folder's
// node_modules): the package test uses it on a project that installed the packed tarball.
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';

const [input, output] = process.argv.slice(2);
const bundle = await rollup({ input, plugins: [nodeResolve({ browser: true, rootDir: process.cwd() })] });
await bundle.write({ file: output, format: 'es', inlineDynamicImports: true });
await bundle.close();
