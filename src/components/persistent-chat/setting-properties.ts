import type { PropertyDeclaration, PropertyDeclarations } from 'lit';
import { parseJsonAttribute } from '../../session/json-setting.js';
import { settingNames, settingSpecs, type SettingKind, type SettingSpec } from '../../session/session-settings.js';

const converters: Record<SettingKind, PropertyDeclaration> = {
  // Reflected as given when it is text; a value of another type (reported) takes the attribute away.
  string: { type: String, converter: { toAttribute: (value: unknown) => (typeof value === 'string' ? value : null) } },
  boolean: { type: Boolean },
  number: { type: Number },
  object: { type: Object },
  json: { converter: { fromAttribute: parseJsonAttribute } },
};

/** The element's lit properties, one per setting of the list. */
export function settingProperties(): PropertyDeclarations {
  return Object.fromEntries(
    settingNames.map((name) => {
      const spec: SettingSpec = settingSpecs[name];
      return [name, { ...converters[spec.kind], attribute: spec.attribute, reflect: spec.reflect ?? false }];
    }),
  );
}
