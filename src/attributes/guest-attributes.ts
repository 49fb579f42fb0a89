import { errorText } from '../base/error-text.js';

/** Attributes the contact centre sees with the conversation: a flat map of strings. */
export type AttributeMap = Readonly<Record<string, string>>;

export type AttributesResult = { ok: true; attributes: AttributeMap } | { ok: false; reason: string };

/**
 * Accepts a flat object whose values are strings, numbers or booleans (the last two become
 * strings, as Genesys stores them); anything nested, null or a function is refused.
 */
export function normalizeAttributes(value: unknown): AttributesResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'guest attributes must be a flat object, such as {"custom.plan":"gold"}' };
  }
  let entries: Array<[string, unknown]>;
  try {
    // A getter or a proxy of the page's may throw: that is a malformed set, not our failure.
    entries = Object.entries(value);
  } catch (error) {
    return { ok: false, reason: `guest attributes could not be read (${errorText(error)})` };
  }
  const attributes: Record<string, string> = {};
  for (const [key, raw] of entries) {
    if (typeof raw === 'string') attributes[key] = raw;
    else if ((typeof raw === 'number' && Number.isFinite(raw)) || typeof raw === 'boolean') attributes[key] = String(raw);
    else return { ok: false, reason: `guest attribute ${JSON.stringify(key)} must be a string, number or boolean, not ${raw === null ? 'null' : typeof raw}` };
  }
  return { ok: true, attributes };
}

/** The `guest-attributes` attribute: JSON text of a flat object. */
export function parseAttributesJson(text: string): AttributesResult {
  if (text.trim() === '') return { ok: true, attributes: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'guest-attributes is not valid JSON' };
  }
  return normalizeAttributes(value);
}

/** UTF-8 bytes of every key and value: how the Guest API counts `maxCustomDataBytes`. */
export function attributeBytes(attributes: AttributeMap): number {
  const encoder = new TextEncoder();
  let bytes = 0;
  for (const [key, value] of Object.entries(attributes)) bytes += encoder.encode(key).length + encoder.encode(value).length;
  return bytes;
}

/** A short, order-independent fingerprint of a set, to tell whether it changed since it was sent. */
export function attributesFingerprint(attributes: AttributeMap): string {
  const text = JSON.stringify(Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `${(hash >>> 0).toString(16)}-${text.length}`;
}
