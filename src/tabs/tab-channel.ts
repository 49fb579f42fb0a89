import type { Election, ElectionListener } from './election.js';

/** How the tabs of one widget talk: a BroadcastChannel, or one run by a same-site hub. */
export interface TabChannel {
  post(message: unknown): void;
  close(): void;
}

/**
 * A storage hub on the page's own site: it runs the tabs' election and carries their
 * messages, so that the site's sub-domains share one owner. (Loaded with the hub's code.)
 */
export interface TabHub {
  election(name: string, listener: ElectionListener): Election;
  channel(name: string, receive: (data: unknown) => void): TabChannel;
}

/** The tabs of one origin. */
export function broadcastTabChannel(name: string, receive: (data: unknown) => void): TabChannel | undefined {
  if (typeof BroadcastChannel !== 'function') return undefined;
  const channel = new BroadcastChannel(name);
  channel.addEventListener('message', (event: MessageEvent) => receive(event.data));
  return {
    post: (message) => {
      try {
        channel.postMessage(message);
      } catch {
        // A closed channel (the page is going away) has nobody left to tell.
      }
    },
    close: () => channel.close(),
  };
}
