// Generates dist/custom-elements.json from the element's JSDoc, which is the public API's one
// description, and completes it from the one list of settings (`session/session-settings.ts`,
// compiled to dist/esm/ by the build before this runs): the element declares its setting
// properties from that list at run time, which the analyzer cannot see.
import { settingSpecs } from './dist/esm/session/session-settings.js';

/** What each setting's property holds, as a page written in TypeScript sees it. */
const settingTypes = {
  sessionHooks: 'SessionHooks | undefined',
  guestAttributes: 'Record<string, string> | undefined',
  strings: 'Partial<ChatStrings>',
  theme: "'auto' | 'light' | 'dark'",
};

/** The settings that are properties only (objects, or numbers a page sets in code). */
const propertyDescriptions = {
  sessionHooks: "The page's own `load()` / `save(data)` for `storage=\"hooks\"`.",
  strings: "Replaces any of the widget's texts (English by default), to reword or translate it.",
  windowSize: 'How many of the newest messages the transcript keeps in the page (default 60).',
};

/** Each event the element fires, and its class (exported from the package). */
const eventTypes = {
  'chat-ready': 'ChatReadyEvent',
  'chat-message': 'ChatMessageEvent',
  'chat-error': 'ChatErrorEvent',
  'chat-ended': 'ChatEndedEvent',
  'chat-ownership': 'ChatOwnershipEvent',
  'chat-storage': 'ChatStorageEvent',
  'chat-third-party': 'ChatThirdPartyEvent',
};

function settingsPlugin() {
  return {
    name: 'persistent-chat-settings',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          // Its tag is defined with a variable (`define.ts`), which the analyzer does not resolve: set here.
          if (!declaration.customElement || declaration.name !== 'PersistentChat') continue;
          declaration.tagName = 'persistent-chat';
          declaration.members ??= [];
          declaration.attributes ??= [];
          const lang = declaration.attributes.find((each) => each.name === 'lang');
          if (lang) Object.assign(lang, { fieldName: 'lang', type: { text: 'string' }, description: lang.description ?? 'The language of the widget\'s texts, when it differs from the page\'s.' });
          // The settings' attributes and `lang`: reflected state (`open`, `ready`, `owner`) is read-only for
          // pages, and the panel's internal state is none of the page's business.
          const settingAttributes = new Set(Object.values(settingSpecs).map((spec) => spec.attribute));
          declaration.attributes = declaration.attributes.filter((each) => each.name === 'lang' || settingAttributes.has(each.name));
          for (const [name, spec] of Object.entries(settingSpecs)) {
            const type = { text: settingTypes[name] ?? (spec.kind === 'json' ? 'unknown' : spec.kind) };
            let attribute = spec.attribute && declaration.attributes.find((each) => each.name === spec.attribute);
            if (spec.attribute && !attribute) declaration.attributes.push((attribute = { name: spec.attribute }));
            if (attribute) Object.assign(attribute, { fieldName: name, type: { text: spec.kind === 'json' ? 'string' : spec.kind } });
            if (declaration.members.some((member) => member.name === name)) continue;
            declaration.members.push({
              kind: 'field',
              name,
              type,
              ...(spec.initial === undefined ? {} : { default: JSON.stringify(spec.initial) }),
              ...(attribute?.description || propertyDescriptions[name] ? { description: attribute?.description ?? propertyDescriptions[name] } : {}),
              ...(spec.attribute ? { attribute: spec.attribute } : {}),
              ...(spec.reflect ? { reflects: true } : {}),
            });
          }
          // Private members are the element's own business, not its API.
          declaration.members = declaration.members.filter((member) => !member.name.startsWith('#') && member.privacy !== 'private' && member.privacy !== 'protected');
          for (const event of declaration.events ?? []) if (eventTypes[event.name]) event.type = { text: eventTypes[event.name] };
          declaration.events = (declaration.events ?? []).filter((event) => eventTypes[event.name]);
        }
        for (const entry of module.exports ?? []) if (entry.kind === 'custom-element-definition') entry.name = 'persistent-chat';
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: 'dist',
  litelement: true,
  packagejson: false,
  plugins: [settingsPlugin()],
};
