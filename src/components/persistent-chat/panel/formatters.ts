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
