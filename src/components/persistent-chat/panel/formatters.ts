/** Intl formatters are slow to build and cheap to reuse: one of each per language. */
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: string, locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${kind}|${locale ?? ''}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

export const timeOfDay = (locale: string | undefined) => formatter('time', locale, { hour: '2-digit', minute: '2-digit' });
export const dayOfYear = (locale: string | undefined) => formatter('day', locale, { weekday: 'long', day: 'numeric', month: 'long' });
export const fullDate = (locale: string | undefined) => formatter('date', locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
export const slotTime = (locale: string | undefined) => formatter('slot', locale, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** A file's size in the visitor's language: "48 kB", "1.2 MB" (1000-based, as the Guest API counts). */
export function fileSize(bytes: number, locale: string | undefined): string {
  const [value, unit] = bytes < 1000 ? [bytes, 'byte'] : bytes < 1_000_000 ? [bytes / 1000, 'kilobyte'] : [bytes / 1_000_000, 'megabyte'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
}
