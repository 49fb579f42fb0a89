import type { PropertyDeclaration, PropertyDeclarations } from 'lit';
import { parseJsonAttribute } from '../../session/json-setting.js';
import { settingNames, settingSpecs, type SettingKind, type SettingSpec } from '../../session/session-settings.js';

const converters: Record<SettingKind, PropertyDeclaration> = {
  string: { type: String },
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
