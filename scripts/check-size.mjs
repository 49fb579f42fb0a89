// The gzip size of what a site embeds, checked against its budget: bytes are deterministic,
// so unlike time they can fail a build. Run after `npm run build`.
import { readdir, readFile } from 'node:fs/promises';
import { brotliCompressSync, gzipSync } from 'node:zlib';

/** Budgets in gzipped bytes; the README's Performance section says why they are what they are. */
export const budgets = {
  'dist/persistent-chat.js': 30 * 1024,
  'dist/hub.js': 4 * 1024,
};

export async function sizesOf(path) {
  const bytes = await readFile(path);
  return { minified: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli: brotliCompressSync(bytes).length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let over = false;
  for (const [path, budget] of Object.entries(budgets)) {
    const { minified, gzip, brotli } = await sizesOf(path);
    const verdict = gzip <= budget ? 'within' : 'OVER';
    over ||= gzip > budget;
    console.log(`${path}: ${(gzip / 1024).toFixed(1)} KB gzip (${verdict} the ${budget / 1024} KB budget), ${(brotli / 1024).toFixed(1)} KB brotli, ${(minified / 1024).toFixed(1)} KB minified`);
  }
  // The chunks are fetched only when needed (see the README's Performance section): shown, not budgeted.
  for (const file of (await readdir('dist/chunks')).filter((name) => name.endsWith('.js')).sort()) {
    console.log(`  dist/chunks/${file}: ${((await sizesOf(`dist/chunks/${file}`)).gzip / 1024).toFixed(1)} KB gzip, fetched when needed`);
  }
  if (over) {
    console.error('A bundle is over its gzip budget: find what grew (npm run build, then compare), or raise the budget in scripts/check-size.mjs and say why in the README.');
    process.exit(1);
  }
}
