import { expect } from '@open-wc/testing';
import { isDomainOfHost, type CookieJar } from '../../src/storage/adapters/cookie-domain.js';
import { candidateDomains, probeCookieDomain } from '../../src/storage/adapters/cookie-domain-probe.js';

/** A jar that accepts cookies only on the domains given, as a browser's public-suffix list would. */
function jarAccepting(...accepted: string[]): CookieJar & { written: string[] } {
  const cookies = new Map<string, string>();
  const written: string[] = [];
  return {
    written,
    read: () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    write(cookie) {
      written.push(cookie);
      const [pair, ...attributes] = cookie.split(';').map((part) => part.trim());
      const [name, value] = pair!.split('=') as [string, string];
      const domain = attributes.find((attribute) => attribute.startsWith('Domain='))?.slice('Domain='.length);
      if (domain && !accepted.includes(domain)) return;
      if (attributes.includes('Max-Age=0')) cookies.delete(name);
      else cookies.set(name, value);
    },
  };
}

describe('cookie domain', () => {
  it('tries parent domains from the shortest up', () => {
    expect(candidateDomains('www.shop.localhost')).to.deep.equal(['shop.localhost', 'www.shop.localhost']);
    expect(candidateDomains('www.example.co.uk')).to.deep.equal(['co.uk', 'example.co.uk', 'www.example.co.uk']);
  });

  it('tries none for single-label hosts and IP addresses', () => {
    expect(candidateDomains('localhost')).to.deep.equal([]);
    expect(candidateDomains('127.0.0.1')).to.deep.equal([]);
    expect(candidateDomains('::1')).to.deep.equal([]);
  });

  it('picks the highest domain the browser accepts, and cleans up its test cookie', () => {
    const jar = jarAccepting('example.co.uk', 'www.example.co.uk');
    expect(probeCookieDomain('www.example.co.uk', jar, true)).to.equal('example.co.uk');
    expect(jar.read()).to.equal('');
    expect(jar.written.every((cookie) => cookie.includes('Secure') && cookie.includes('SameSite=Lax'))).to.equal(true);
  });

  it('falls back to a host-only cookie when no parent domain is accepted', () => {
    expect(probeCookieDomain('localhost', jarAccepting(), false)).to.equal(undefined);
  });

  it('accepts only the host itself or one of its parents as an explicit domain', () => {
    expect(isDomainOfHost('shop.localhost', 'www.shop.localhost')).to.equal(true);
    expect(isDomainOfHost('.shop.localhost', 'www.shop.localhost')).to.equal(true);
    expect(isDomainOfHost('hop.localhost', 'www.shop.localhost')).to.equal(false);
    expect(isDomainOfHost('partner.localhost', 'www.shop.localhost')).to.equal(false);
    expect(isDomainOfHost('localhost', 'www.shop.localhost')).to.equal(false);
  });
});
