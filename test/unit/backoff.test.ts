import { expect } from '@open-wc/testing';
import { backoffDelay } from '../../src/transport/backoff.js';

describe('backoffDelay', () => {
  const options = { initialMs: 500, maxMs: 30_000 };

  it('doubles with each attempt, between half and all of the ceiling', () => {
    expect(backoffDelay(0, options, () => 0)).to.equal(250);
    expect(backoffDelay(0, options, () => 1)).to.equal(500);
    expect(backoffDelay(3, options, () => 0)).to.equal(2000);
    expect(backoffDelay(3, options, () => 1)).to.equal(4000);
  });

  it('never waits longer than the maximum', () => {
    expect(backoffDelay(40, options, () => 1)).to.equal(30_000);
  });

  it('spreads visitors dropped at the same moment', () => {
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(4, options)));
    expect(delays.size).to.be.greaterThan(10);
  });
});
