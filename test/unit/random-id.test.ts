import { expect } from '@open-wc/testing';
import { randomId } from '../../src/base/random-id.js';

describe('randomId', () => {
  it('makes version 4 UUIDs where crypto.randomUUID is missing, as on a page served over plain HTTP', () => {
    const original = Object.getOwnPropertyDescriptor(Crypto.prototype, 'randomUUID');
    // Insecure contexts have no randomUUID: the test takes it away.
    Object.defineProperty(Crypto.prototype, 'randomUUID', { value: undefined, configurable: true });
    try {
      const ids = Array.from({ length: 200 }, () => randomId());
      for (const id of ids) expect(id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(new Set(ids).size).to.equal(ids.length);
    } finally {
      Object.defineProperty(Crypto.prototype, 'randomUUID', original!);
    }
  });
});
