/** The `linked-domains` attribute, read: the organisation's other sites, as exact origins. */
export interface LinkedSitesSetting {
  /** `none`: no hand-offs at all, in either direction. */
  readonly off: boolean;
  /** The listed origins; empty means "the storage hub's trusted origins", when there is a hub. */
  readonly origins: readonly string[];
  readonly problems: readonly string[];
}

/**
 * Reads `linked-domains`: exact origins (`https://help.example.com`), separated by spaces or
 * commas, or `none`. An entry that is not an exact origin (a path, a wildcard, another scheme)
 * is left out and reported: a hand-off goes only where the site said, letter for letter.
 */
export function readLinkedSites(value: string): LinkedSitesSetting {
  const words = value.split(/[\s,]+/).filter(Boolean);
  if (words.length === 1 && words[0] === 'none') return { off: true, origins: [], problems: [] };
  const origins: string[] = [];
  const problems: string[] = [];
  for (const word of words) {
    if (exactOrigin(word)) origins.push(word);
    else problems.push(`linked-domains: ignoring ${JSON.stringify(word)}; list exact origins, like "https://help.example.com", or "none"`);
  }
  return { off: false, origins, problems };
}

function exactOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === text;
  } catch {
    return false;
  }
}
