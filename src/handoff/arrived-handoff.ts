/** A hand-off as it arrived (`#…&pchat=<code>`): its code, and the rest of the fragment it was added to. */
export interface ArrivedHandoff {
  readonly code: string;
  readonly rest: string;
}

/**
 * Taken out of the address bar as soon as the widget's script runs, before the visitor can
 * copy, bookmark or share it; the rest of the fragment and the history entry's state stay.
 * Kept here until the chat it is for has looked at it (see `HandoffLink.receive`).
 */
let arrived: ArrivedHandoff | undefined;
try {
  const match = /[#&]pchat=([^&#]*)$/.exec(location.hash);
  if (match) {
    arrived = { code: match[1]!, rest: location.hash.slice(1, match.index) };
    // An absolute address: a page's <base href> must not change where it points.
    const address = new URL(location.href);
    address.hash = arrived.rest;
    history.replaceState(history.state, '', address);
  }
} catch {
  // No address to read (not a browser page), or one that cannot be replaced (a sandboxed frame).
}

/** The hand-off this page arrived with, while no chat has taken it. */
export function arrivedHandoff(): ArrivedHandoff | undefined {
  return arrived;
}

/** Takes the hand-off: true only for the one call that takes this very one. */
export function takeArrivedHandoff(handoff: ArrivedHandoff): boolean {
  if (arrived !== handoff) return false;
  arrived = undefined;
  return true;
}
