import { expect } from '@open-wc/testing';
import { fitToBudget } from '../../src/attributes/attribute-budget.js';
import { GuestAttributeSet } from '../../src/attributes/guest-attribute-set.js';
import { attributeBytes, attributesFingerprint, normalizeAttributes, parseAttributesJson } from '../../src/attributes/guest-attributes.js';
import { pageContext, parseContextSettings } from '../../src/attributes/page-context.js';

describe('guest attributes', () => {
  it('turns numbers and booleans into strings, as Genesys stores them', () => {
    expect(normalizeAttributes({ plan: 'gold', visits: 7, member: true })).to.deep.equal({ ok: true, attributes: { plan: 'gold', visits: '7', member: 'true' } });
  });

  for (const [label, value] of [
    ['an array', ['a']],
    ['null', null],
    ['a nested object', { a: { b: 'c' } }],
    ['a null value', { a: null }],
    ['a function', { a: () => 1 }],
    ['an infinite number', { a: Infinity }],
  ] as const) {
    it(`refuses ${label}`, () => {
      expect(normalizeAttributes(value).ok).to.equal(false);
    });
  }

  it('names the attribute and the problem when the JSON is bad', () => {
    expect(parseAttributesJson('{oops')).to.deep.equal({ ok: false, reason: 'guest-attributes is not valid JSON' });
  });

  it('counts UTF-8 bytes of keys and values', () => {
    expect(attributeBytes({ ab: 'é€' })).to.equal(2 + 2 + 3);
  });

  it('gives the same fingerprint whatever the key order, and another when a value changes', () => {
    expect(attributesFingerprint({ a: '1', b: '2' })).to.equal(attributesFingerprint({ b: '2', a: '1' }));
    expect(attributesFingerprint({ a: '1', b: '2' })).to.not.equal(attributesFingerprint({ a: '1', b: '3' }));
  });

  it('lets values set by setGuestAttributes win over declared ones, and keeps them when the declaration changes', () => {
    const set = new GuestAttributeSet();
    set.declare({ plan: 'silver', id: 'u1' });
    set.merge({ plan: 'gold' });
    set.declare({ id: 'u2' });
    expect(set.effective).to.deep.equal({ id: 'u2', plan: 'gold' });
  });
});

describe('page context', () => {
  const page = { href: 'https://shop.example/checkout?card=4242#pay', referrer: 'https://search.example/q?term=boots', title: '  Checkout  ' };

  it('sends source, url and referrer without query or fragment, and the title', () => {
    expect(pageContext(parseContextSettings('auto').settings, page)).to.deep.equal({
      source: 'web',
      url: 'https://shop.example/checkout',
      referrer: 'https://search.example/q',
      pageTitle: 'Checkout',
    });
  });

  it('keeps query strings only when the page opts in with full-url', () => {
    expect(pageContext(parseContextSettings('url full-url').settings, page)).to.deep.equal({ url: page.href });
  });

  it('sends nothing with none, and says which words it does not know', () => {
    expect(pageContext(parseContextSettings('none').settings, page)).to.deep.equal({});
    expect(parseContextSettings('url, colour').problem).to.contain('"colour"');
  });
});

describe('fitToBudget', () => {
  it('keeps the page attributes whole and shortens the page context to fit', () => {
    const result = fitToBudget({ id: 'x'.repeat(50) }, { source: 'web', pageTitle: 'T'.repeat(200) }, 120);
    expect(result.ok).to.equal(true);
    if (!result.ok) return;
    expect(result.attributes.id).to.have.length(50);
    expect(result.attributes.pageTitle!.endsWith('…')).to.equal(true);
    expect(attributeBytes(result.attributes)).to.be.at.most(120);
  });

  it('drops context it cannot shorten usefully', () => {
    const result = fitToBudget({ id: 'x'.repeat(100) }, { source: 'web', url: 'https://example.com/a/long/path' }, 110);
    expect(result.ok && attributeBytes(result.attributes)).to.be.at.most(110);
  });

  it('refuses when the page attributes alone are over the budget', () => {
    expect(fitToBudget({ notes: 'n'.repeat(3000) }, {}, 2048)).to.deep.equal({ ok: false, guestBytes: 3005 });
  });

  it('never splits a character when shortening', () => {
    const result = fitToBudget({}, { pageTitle: '€'.repeat(100) }, 100);
    expect(result.ok && [...result.attributes.pageTitle!].every((character) => character === '€' || character === '…')).to.equal(true);
  });
});
