// Fails when package-lock.json lacks an optional dependency some package declares: npm
// records every platform's native binaries (rollup's, esbuild's…) only when the lockfile is
// written by a full resolve, and a lockfile without them makes `npm ci` on another platform
// (a Mac, an ARM laptop) install something else than this one does, or nothing at all.
import { readFile } from 'node:fs/promises';

const lock = JSON.parse(await readFile(new URL('../package-lock.json', import.meta.url), 'utf8'));
const packages = lock.packages ?? {};

/** Where npm would find `name` from the package at `path` (its own node_modules, then each parent's). */
function resolves(path, name) {
  let base = path;
  for (;;) {
    if (packages[`${base ? `${base}/` : ''}node_modules/${name}`]) return true;
    if (!base) return false;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent === -1 ? '' : base.slice(0, parent);
  }
}

const missing = [];
for (const [path, entry] of Object.entries(packages)) {
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    if (!resolves(path, name)) missing.push(`${path || '(root)'} → ${name}`);
  }
}

// The platforms the project is built on: each must find its native build tools.
const platforms = [
  ['linux', 'x64'],
  ['linux', 'arm64'],
  ['darwin', 'x64'],
  ['darwin', 'arm64'],
];
for (const [os, cpu] of platforms) {
  for (const tool of ['@rollup/rollup-', '@esbuild/']) {
    const found = Object.entries(packages).some(([path, entry]) => path.includes(`node_modules/${tool}`) && entry.os?.includes(os) && entry.cpu?.includes(cpu));
    if (!found) missing.push(`${tool}* for ${os}-${cpu}`);
  }
}

if (missing.length > 0) {
  console.error(`package-lock.json lacks optional dependencies that other platforms install:\n  ${missing.join('\n  ')}\nRegenerate it with a full resolve (rm package-lock.json && npm install) and commit it.`);
  process.exit(1);
}
console.log(`package-lock.json: every optional dependency of ${Object.keys(packages).length} entries is there (Linux and macOS, x64 and arm64 included).`);
