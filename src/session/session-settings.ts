/**
 * What changing a setting does, decided here once for every setting:
 * - `in-place`: the running conversation takes the new value (consent, attributes, async…);
 * - `moves-conversation`: the same conversation moves to new storage (its token, transcript,
 *   outbox and draft come along);
 * - `new-conversation`: another conversation altogether (another deployment or widget name);
 *   what the visitor has not yet seen delivered comes along: the outbox, the draft, the open panel;
 * - `view`: only how the element looks or alerts; the session does not hear of it.
 */
export type SettingChange = 'in-place' | 'moves-conversation' | 'new-conversation' | 'view';

/** How a value is given: `json` is an object property whose attribute holds JSON. */
export type SettingKind = 'string' | 'boolean' | 'number' | 'object' | 'json';

export interface SettingSpec {
  /** The attribute, or false for a property only (objects, functions). */
  readonly attribute: string | false;
  readonly kind: SettingKind;
  readonly initial: unknown;
  readonly change: SettingChange;
  /** Reflected to the attribute, for pages that style on it. */
  readonly reflect?: boolean;
}

/** Every setting of the element: its attribute, type, default, and what a change does. */
export const settingSpecs = {
  deploymentId: { attribute: 'deployment-id', kind: 'string', initial: '', change: 'new-conversation' },
  region: { attribute: 'region', kind: 'string', initial: '', change: 'new-conversation' },
  endpoint: { attribute: 'endpoint', kind: 'string', initial: '', change: 'new-conversation' },
  name: { attribute: 'name', kind: 'string', initial: 'default', change: 'new-conversation' },
  storage: { attribute: 'storage', kind: 'string', initial: 'auto', change: 'moves-conversation' },
  cookieDomain: { attribute: 'cookie-domain', kind: 'string', initial: 'auto', change: 'moves-conversation' },
  iframeUrl: { attribute: 'iframe-url', kind: 'string', initial: '', change: 'moves-conversation' },
  linkedDomains: { attribute: 'linked-domains', kind: 'string', initial: '', change: 'moves-conversation' },
  sessionHooks: { attribute: false, kind: 'object', initial: undefined, change: 'moves-conversation' },
  consent: { attribute: 'consent', kind: 'string', initial: 'granted', change: 'in-place' },
  persist: { attribute: 'persist', kind: 'string', initial: 'session', change: 'moves-conversation' },
  contextAttributes: { attribute: 'context-attributes', kind: 'string', initial: 'auto', change: 'in-place' },
  asyncChat: { attribute: 'async', kind: 'boolean', initial: false, change: 'in-place' },
  attributesEndpoint: { attribute: 'attributes-endpoint', kind: 'string', initial: '', change: 'in-place' },
  authMode: { attribute: 'auth', kind: 'string', initial: '', change: 'moves-conversation' },
  auth: { attribute: false, kind: 'object', initial: undefined, change: 'in-place' },
  guestAttributes: { attribute: 'guest-attributes', kind: 'json', initial: undefined, change: 'in-place' },
  theme: { attribute: 'theme', kind: 'string', initial: 'auto', change: 'view', reflect: true },
  thirdPartyNotice: { attribute: 'third-party-notice', kind: 'boolean', initial: false, change: 'view' },
  notify: { attribute: 'notify', kind: 'boolean', initial: false, change: 'view' },
  autoOpen: { attribute: 'auto-open', kind: 'number', initial: 0, change: 'view' },
  uploads: { attribute: 'uploads', kind: 'string', initial: 'auto', change: 'view' },
  strings: { attribute: false, kind: 'object', initial: {}, change: 'view' },
  windowSize: { attribute: false, kind: 'number', initial: 60, change: 'view' },
} as const satisfies Record<string, SettingSpec>;

export type SettingName = keyof typeof settingSpecs;
export const settingNames = Object.keys(settingSpecs) as SettingName[];

interface KindTypes {
  string: string;
  boolean: boolean;
  number: number;
  object: object | undefined;
  json: unknown;
}

/** The value each setting holds once checked. */
export type SettingValues = { -readonly [K in SettingName]: KindTypes[(typeof settingSpecs)[K]['kind']] };

/** Every setting at its default. */
export function defaultSettings(): SettingValues {
  return Object.fromEntries(settingNames.map((name) => [name, settingSpecs[name].initial])) as SettingValues;
}

/** A setting given as the wrong type: it fell back to its default. */
export interface SettingProblem {
  readonly setting: SettingName;
  readonly message: string;
}

/**
 * Checks what the page gave each setting (an attribute is always a string; a property can
 * be anything). A value of the wrong type falls back to the default, and is reported.
 */
export function readSettings(source: Readonly<Record<SettingName, unknown>>): { values: SettingValues; problems: SettingProblem[] } {
  const values = {} as Record<SettingName, unknown>;
  const problems: SettingProblem[] = [];
  for (const name of settingNames) {
    const spec: SettingSpec = settingSpecs[name];
    const value = source[name];
    if (value === undefined || value === null || fits(spec.kind, value)) {
      values[name] = value ?? spec.initial;
      continue;
    }
    values[name] = spec.initial;
    problems.push({ setting: name, message: `${name} must be of type ${spec.kind === 'json' ? 'object' : spec.kind}, not ${typeof value}; using the default` });
  }
  return { values: values as SettingValues, problems };
}

/** The settings a `change` of this kind covers. */
export function settingsThat(change: SettingChange): SettingName[] {
  return settingNames.filter((name) => settingSpecs[name].change === change);
}

function fits(kind: SettingKind, value: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'object':
      return typeof value === 'object';
    case 'json':
      return typeof value !== 'function' && typeof value !== 'symbol' && typeof value !== 'bigint';
  }
}
