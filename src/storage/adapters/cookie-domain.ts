/** Whether `domain` may carry cookies for `hostname`: the host itself or one of its parents. */
export function isDomainOfHost(domain: string, hostname: string): boolean {
  const wanted = domain.toLowerCase().replace(/^\./, '');
  const host = hostname.toLowerCase();
  return wanted.includes('.') && (host === wanted || host.endsWith(`.${wanted}`));
}

/** `document.cookie`, behind an interface so that a test can count what is written. */
export interface CookieJar {
  read(): string;
  write(cookie: string): void;
}

export const documentCookies: CookieJar = {
  read: () => document.cookie,
  write: (cookie) => {
    document.cookie = cookie;
  },
};

export function readCookie(cookieHeader: string, name: string): string | undefined {
  for (const part of cookieHeader.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}
