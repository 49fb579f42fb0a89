// Types and editor data for every framework, generated at build time from the custom-elements
// manifest (dist/custom-elements.json) by tools made for it: JSX for React 19, Preact (and
// other JSX libraries), Solid, Vue's GlobalComponents, VS Code's HTML custom data and
// JetBrains' web-types. Run after the manifest (`npm run build`).
import { readFile, writeFile } from 'node:fs/promises';
import { generateJsxTypes } from '@wc-toolkit/jsx-types';
import { generateSolidJsTypes } from 'custom-element-solidjs-integration';
import { generateVuejsTypes } from 'custom-element-vuejs-integration';
import { generateVsCodeCustomElementData } from 'custom-element-vs-code-integration';
import { generateJetBrainsWebTypes } from 'custom-element-jet-brains-integration';

const manifest = JSON.parse(await readFile('dist/custom-elements.json', 'utf8'));
const outdir = 'dist/types';
// The element's class, as the package exports it: the generated types read its properties' types from it.
const componentTypePath = () => '../esm/index.js';
const elementImport = 'import type { PersistentChat } from "../esm/index.js";';
const eventClasses = [...new Set(declarations(manifest).flatMap((declaration) => declaration.events ?? []).map((event) => event.type?.text).filter(Boolean))];

function declarations(source) {
  return source.modules.flatMap((module) => module.declarations ?? []);
}

/** A copy of the manifest whose events name their `detail` type rather than their class. */
function withEventDetails(source) {
  const copy = structuredClone(source);
  for (const declaration of declarations(copy)) {
    for (const event of declaration.events ?? []) if (event.type) event.type = { text: `${event.type.text}['detail']` };
  }
  return copy;
}

/** The generators import only the element: the event classes its types name are imported here. */
async function importEventClasses(file) {
  const text = await readFile(file, 'utf8');
  if (!text.includes(elementImport)) throw new Error(`${file}: the generator's import line changed; update scripts/framework-types.mjs`);
  await writeFile(file, text.replace(elementImport, `import type { PersistentChat, ${eventClasses.join(', ')} } from "../esm/index.js";`));
}

generateJsxTypes(manifest, { outdir, fileName: 'jsx.d.ts', componentTypePath, stronglyTypedEvents: true });
await importEventClasses(`${outdir}/jsx.d.ts`);
// Solid's and Vue's generators type a handler's argument as `CustomEvent<type>`: they get the events' detail types.
generateSolidJsTypes(withEventDetails(manifest), { outdir, fileName: 'solid.d.ts', componentTypePath });
await importEventClasses(`${outdir}/solid.d.ts`);
// Solid's generator leaves the JSX augmentation to each project: the package makes it, as the JSX file does.
await writeFile(`${outdir}/solid.d.ts`, `${await readFile(`${outdir}/solid.d.ts`, 'utf8')}
declare module "solid-js" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
}
`);
generateVuejsTypes(withEventDetails(manifest), { outdir, fileName: 'vue.d.ts', componentTypePath });
await importEventClasses(`${outdir}/vue.d.ts`);
generateVsCodeCustomElementData(manifest, { outdir: 'dist', htmlFileName: 'vscode.html-custom-data.json', cssFileName: 'vscode.css-custom-data.json' });
generateJetBrainsWebTypes(manifest, { outdir: 'dist', webTypesFileName: 'web-types.json', packageJson: JSON.parse(await readFile('package.json', 'utf8')) });

// The embed script registers the element and exports nothing a page uses: its types say just that.
await writeFile(
  'dist/persistent-chat.d.ts',
  `// The embed script: importing it defines <persistent-chat>.
import type { PersistentChat } from './esm/index.js';

declare global {
  interface HTMLElementTagNameMap {
    'persistent-chat': PersistentChat;
  }
}

export {};
`,
);
