import { attributeBytes, type AttributeMap } from './guest-attributes.js';

export type BudgetResult = { ok: true; attributes: AttributeMap } | { ok: false; guestBytes: number };

/** Page-context keys, in the order they are shortened and then dropped to make room. */
const sacrificeOrder = ['pageTitle', 'referrer', 'url', 'source'];

/**
 * The set to send within `budget` bytes: the page's own attributes whole, and page context
 * shortened (then dropped) until it fits. The page's attributes win a clash of keys.
 * Refuses when the page's attributes alone are over the budget.
 */
export function fitToBudget(guest: AttributeMap, context: AttributeMap, budget: number): BudgetResult {
  const guestBytes = attributeBytes(guest);
  if (guestBytes > budget) return { ok: false, guestBytes };
  const fitted: Record<string, string> = { ...context, ...guest };
  for (const key of sacrificeOrder) {
    if (attributeBytes(fitted) <= budget) break;
    if (!(key in context) || key in guest) continue;
    const over = attributeBytes(fitted) - budget;
    const value = fitted[key]!;
    // Room for the value shortened by what is over, and for the 3-byte ellipsis that marks it.
    const keep = truncateUtf8(value, Math.max(0, new TextEncoder().encode(value).length - over - 3));
    if (keep.length >= 8) fitted[key] = `${keep}…`;
    else delete fitted[key];
    if (attributeBytes(fitted) > budget) delete fitted[key];
  }
  return { ok: true, attributes: fitted };
}

/** The longest prefix of `text` that fits in `bytes` UTF-8 bytes, never splitting a character. */
function truncateUtf8(text: string, bytes: number): string {
  const encoder = new TextEncoder();
  let result = '';
  for (const character of text) {
    if (encoder.encode(result + character).length > bytes) break;
    result += character;
  }
  return result;
}
