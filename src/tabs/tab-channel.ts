import type { HubClient } from '../hub/hub-client.js';

/** How the tabs of one widget talk: a BroadcastChannel, or one run by a same-site hub. */
export interface TabChannel {
  post(message: unknown): void;
  close(): void;
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

/** The tabs of every origin on the hub's site: the hub's channel carries their messages. */
export function hubTabChannel(hub: HubClient, name: string, receive: (data: unknown) => void): TabChannel {
  const stop = hub.listen((event) => {
    if (event.event === 'broadcast' && event.name === name) receive(event.data);
  });
  void hub.request({ op: 'subscribe', name }).catch(() => {});
  return {
    post: (message) => void hub.request({ op: 'broadcast', name, data: message }).catch(() => {}),
    close: stop,
  };
}
