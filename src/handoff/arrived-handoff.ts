/** A hand-off as it arrived (`#…&pchat=<code>`): its code, and the rest of the fragment it was added to. */
export interface ArrivedHandoff {
  readonly code: string;
  readonly rest: string;
}

/**
 * Taken out of the address bar as soon as the widget's script runs, before the visitor can
 * copy, bookmark or share it; the rest of the fragment and the history entry's state stay.
 */
const match = /[#&]pchat=([^&#]*)$/.exec(location.hash);
let arrived: ArrivedHandoff | undefined = match ? { code: match[1]!, rest: location.hash.slice(1, match.index) } : undefined;
try {
  // An absolute address: a page's <base href> must not change where it points.
  const address = new URL(location.href);
  address.hash = arrived?.rest ?? '';
  if (arrived) history.replaceState(history.state, '', address.href);
} catch {
  // A document whose address cannot be replaced (a sandboxed frame): the code is still read.
}

/** The hand-off this page arrived with, once: the first chat to ask takes it. */
export function takeArrivedHandoff(): ArrivedHandoff | undefined {
  const taken = arrived;
  arrived = undefined;
  return taken;
}
