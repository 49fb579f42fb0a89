import { errorText } from '../../base/error-text.js';
import { withPanelTexts } from './panel/panel-strings.js';
import type { ChatStrings } from './strings.js';

type Report = (message: string) => void;
type Texts = (...args: never[]) => string;

/**
 * The page's own texts (`strings`) laid over the built-in ones. Each entry must have the
 * type of the one it replaces (text for text, a function for a function, a table of texts
 * for a table); one that does not is left out and reported. A function of the page's that
 * throws, or returns something other than text, shows the built-in text instead.
 */
export function withCustomStrings(given: ChatStrings, custom: unknown, report: Report): ChatStrings {
  // Checked against every text the widget has, the panel's included (English holds only the launcher's in the embed).
  const base = withPanelTexts(given);
  if (custom === undefined || custom === null) return base;
  if (typeof custom !== 'object' || Array.isArray(custom)) {
    report(`strings must be an object of texts, not ${Array.isArray(custom) ? 'an array' : `a ${typeof custom}`}; showing the built-in texts`);
    return base;
  }
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(custom)) {
    if (!Object.hasOwn(base, key)) {
      report(`strings.${key} is not one of the widget's texts; it is ignored`);
      continue;
    }
    const builtIn = base[key as keyof ChatStrings];
    const checked = checkEntry(`strings.${key}`, builtIn, value, report);
    if (checked !== undefined) merged[key] = checked;
  }
  return merged as ChatStrings;
}

function checkEntry(path: string, builtIn: unknown, value: unknown, report: Report): unknown {
  if (typeof builtIn === 'string') {
    if (typeof value === 'string') return value;
  } else if (typeof builtIn === 'function') {
    if (typeof value === 'function') return guarded(path, builtIn as Texts, value as Texts, report);
  } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    // A table (the connection's states, the files' texts…): each entry checked as its own.
    const table: Record<string, unknown> = { ...(builtIn as Record<string, unknown>) };
    for (const [key, text] of Object.entries(value)) {
      if (!Object.hasOwn(table, key)) {
        report(`${path}.${key} is not one of the widget's texts; it is ignored`);
        continue;
      }
      const checked = checkEntry(`${path}.${key}`, table[key], text, report);
      if (checked !== undefined) table[key] = checked;
    }
    return table;
  }
  const expected = typeof builtIn === 'string' ? 'text' : typeof builtIn === 'function' ? 'a function that returns text' : 'an object of texts';
  report(`${path} must be ${expected}, not ${describe(value)}; showing the built-in text`);
  return undefined;
}

/** The page's function, kept from throwing into the widget's rendering. */
function guarded(path: string, builtIn: Texts, custom: Texts, report: Report): Texts {
  return (...args: never[]) => {
    try {
      const text: unknown = custom(...args);
      if (typeof text === 'string') return text;
      report(`${path}() returned ${describe(text)}, not text; showing the built-in text`);
    } catch (error) {
      report(`${path}() threw (${errorText(error)}); showing the built-in text`);
    }
    return builtIn(...args);
  };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
