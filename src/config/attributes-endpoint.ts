/**
 * The `attributes-endpoint` setting: a path or URL on the page's own origin (guest attributes
 * go nowhere else), or nothing. Anything else is a problem to report, and no endpoint.
 */
export function attributesEndpointUrl(value: string, page: { href: string; origin: string }): { url?: string; problem?: string } {
  if (!value.trim()) return {};
  try {
    const url = new URL(value, page.href);
    if (url.origin === page.origin) return { url: url.href };
  } catch {
    // Reported below.
  }
  return { problem: `attributes-endpoint ${JSON.stringify(value)} must be a path or URL on this site (${page.origin})` };
}
