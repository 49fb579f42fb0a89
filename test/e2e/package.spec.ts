import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, sessionWith, test, uniqueText } from './helpers.js';

/*
 * The package as npm would publish it: what the tarball holds, and that a project that
 * installs it can type-check against it and bundle a page on which the element works.
 */

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

test('the tarball holds the package and nothing else; installed, it type-checks and a bundled page chats', async ({ page }) => {
  test.setTimeout(180_000);
  const scratch = await mkdtemp(join(tmpdir(), 'persistent-chat-pack-'));
  const { stdout } = await run(npm, ['pack', '--json', '--pack-destination', scratch], { cwd: root });
  const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  const files = packed!.files.map((file) => file.path);

  for (const wanted of [
    'package.json',
    'README.md',
    'LICENSE',
    'CHANGELOG.md',
    'dist/persistent-chat.js',
    'dist/persistent-chat.d.ts',
    'dist/hub.js',
    'dist/hub.html',
    'dist/esm/index.js',
    'dist/esm/index.d.ts',
    'dist/esm/define.js',
    'dist/esm/react.js',
    'dist/esm/react.d.ts',
    'dist/types/jsx.d.ts',
    'dist/types/vue.d.ts',
    'dist/types/solid.d.ts',
    'dist/custom-elements.json',
    'dist/vscode.html-custom-data.json',
    'dist/web-types.json',
  ]) {
    expect(files, `the tarball holds ${wanted}`).toContain(wanted);
  }
  expect(files.some((file) => /^dist\/chunks\/panel-[\w-]+\.js$/.test(file)), 'the chunks').toBe(true);
  const unwanted = files.filter((file) => /^(test|demo|bench|scripts|src|build|docs|node_modules)\/|\.config\.|^tsconfig/.test(file));
  expect(unwanted, 'no tests, demo, bench, sources or build scripts').toEqual([]);

  // A project that installs the tarball.
  const tarball = join(scratch, packed!.filename);
  await writeFile(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  await run(npm, ['install', tarball, '--no-audit', '--no-fund', '--prefer-offline'], { cwd: scratch });

  // Node ESM, types only (the element needs a browser): a TypeScript file that uses the package's types.
  await writeFile(
    join(scratch, 'check.ts'),
    `import type { PersistentChat, ChatMessageEvent, ChatMessage } from 'persistent-chat';
import 'persistent-chat/persistent-chat.js';
export function onMessage(element: PersistentChat, event: ChatMessageEvent): ChatMessage {
  element.deploymentId = 'a1b2';
  return event.detail.message;
}
export const element: PersistentChat | null = document.querySelector('persistent-chat');
`,
  );
  await writeFile(
    join(scratch, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', target: 'ES2022', lib: ['ES2022', 'DOM'], strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['check.ts'] }),
  );
  await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', scratch]);

  // A page bundled by the project's own bundler, from the installed package.
  await writeFile(join(scratch, 'main.js'), `import 'persistent-chat/define.js';\n`);
  await run(process.execPath, [join(root, 'scripts/bundle-for-test.mjs'), join(scratch, 'main.js'), join(scratch, 'bundle.js')], { cwd: scratch });
  const base = test.info().project.use.baseURL!;
  await writeFile(
    join(scratch, 'index.html'),
    `<!doctype html><title>pack test</title><persistent-chat deployment-id="fernhill-demo" endpoint="${base.replace('http', 'ws')}/v1"></persistent-chat><script type="module" src="bundle.js"></script>`,
  );
  // The scratch project's own site, on loopback.
  const site = createServer((request, response) => {
    const name = request.url === '/bundle.js' ? 'bundle.js' : 'index.html';
    void readFile(join(scratch, name)).then((body) => response.writeHead(200, { 'content-type': name.endsWith('.js') ? 'text/javascript' : 'text/html' }).end(body));
  });
  await new Promise<void>((listening) => site.listen(0, '127.0.0.1', listening));
  site.unref();
  const { port } = site.address() as AddressInfo;
  await page.goto(`http://localhost:${port}/`);
  await expect(page.locator('persistent-chat[ready]')).toHaveCount(1);
  await page.locator('persistent-chat [part~="launcher"]').click();
  const text = uniqueText('From the packed package');
  await page.locator('persistent-chat textarea').fill(text);
  await page.locator('persistent-chat textarea').press('Enter');
  await sessionWith(page, text);
  site.close();
});
