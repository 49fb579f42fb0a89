import { expect } from '@open-wc/testing';
import { ChangeClock, initialPanel, isNewerChange, isPanelChange } from '../../src/mirror/panel-state.js';

describe('panel changes across tabs', () => {
  it('keeps the latest change, and breaks a tie the same way in every tab', () => {
    const a = { open: true, at: 10, by: 'a' };
    const b = { open: false, at: 10, by: 'b' };
    expect(isNewerChange({ open: false, at: 11, by: 'a' }, a)).to.equal(true);
    expect(isNewerChange(a, { open: false, at: 11, by: 'a' })).to.equal(false);
    expect(isNewerChange(b, a)).to.equal(true);
    expect(isNewerChange(a, b)).to.equal(false);
    expect(isNewerChange(a, a)).to.equal(false);
  });

  it('counts what storage said as older than any change a tab made', () => {
    expect(isNewerChange({ open: false, at: 1, by: 'a' }, initialPanel(true))).to.equal(true);
    expect(isNewerChange(initialPanel(true), { open: false, at: 1, by: 'a' })).to.equal(false);
  });

  it("never stamps a change behind one it has seen, even from a tab whose clock is ahead", () => {
    const clock = new ChangeClock();
    const ahead = Date.now() + 60_000;
    clock.saw(ahead);
    expect(clock.next()).to.be.greaterThan(ahead);
    const first = clock.next();
    expect(clock.next()).to.be.greaterThan(first);
  });

  it('refuses what is not a change', () => {
    expect(isPanelChange({ open: true, at: 1, by: 'a' })).to.equal(true);
    for (const value of [null, 'open', { open: 1, at: 1, by: 'a' }, { open: true, at: Number.NaN, by: 'a' }, { open: true, at: 1 }]) {
      expect(isPanelChange(value), JSON.stringify(value)).to.equal(false);
    }
  });
});
