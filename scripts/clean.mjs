// Removes the previous build, so that no stale file from a renamed module is ever served or bundled.
import { rm } from 'node:fs/promises';

await Promise.all(['dist', 'build'].map((dir) => rm(new URL(`../${dir}`, import.meta.url), { recursive: true, force: true })));
