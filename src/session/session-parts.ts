import type { ChatConfig } from '../config/chat-config.js';
import type { StorageSettings } from '../config/storage-config.js';
import { Conversation, type ConversationHandover, type ConversationListener } from '../conversation/conversation.js';
import type { HubLink } from '../hub/hub-link.js';
import { TabMirror, type TabMirrorListener } from '../mirror/tab-mirror.js';
import type { SessionHooks } from '../storage/adapters/hooks-adapter.js';
import { SessionStore, type SessionStoreListener } from '../storage/session-store.js';
import type { AttributeMap } from '../attributes/guest-attributes.js';

/** How long a page waits for the hub or a hand-off from another site before it may start a new session. */
export const elsewhereWaitMs = 5000;

/** Everything one conversation is made of; built together from the settings, and disposed together. */
export interface SessionParts {
  readonly store: SessionStore;
  /** The other tabs, where tabs can talk to each other at all (BroadcastChannel). */
  readonly tabs: TabMirror | undefined;
  readonly conversation: Conversation;
  /** The storage hub (`iframe-url`): its code and frame, on their way. */
  readonly hub: Promise<HubLink | undefined> | undefined;
}

export interface PartsInput {
  readonly name: string;
  readonly config: ChatConfig;
  readonly storage: StorageSettings;
  readonly hooks: SessionHooks | undefined;
  readonly asyncChat: boolean;
  readonly attributesEndpoint: string | undefined;
  readonly pageContext: () => AttributeMap;
  /**
   * The storage hub (`iframe-url`), where it may be used at all (consent granted): its code
   * and frame, asked for once the store can say whether they are wanted.
   */
  readonly hub: ((store: SessionStore) => Promise<HubLink | undefined>) | undefined;
  /** A hand-off from another site arrived with the page: no new session until it has been looked at. */
  readonly awaitingHandoff: boolean;
  /** The page's signed-in user (`auth`), or undefined where the page has no sign-in (`SessionStore`'s `signedIn`). */
  readonly signedIn: { readonly user: string | undefined } | undefined;
  /** The conversation these parts replace, if any. */
  readonly inherit: ConversationHandover | undefined;
}

export interface PartsListener {
  store: SessionStoreListener;
  tabs: TabMirrorListener;
  conversation: ConversationListener;
}

/** Builds store, tabs and conversation for one set of settings; nothing starts until the session starts it. */
export function buildParts(input: PartsInput, listener: PartsListener): SessionParts {
  const { config, storage } = input;
  const store = new SessionStore(
    {
      ...storage,
      name: input.name,
      deploymentId: config.deploymentId,
      hooks: input.hooks,
      signedIn: input.signedIn,
      hostname: location.hostname,
      secure: location.protocol === 'https:',
    },
    listener.store,
  );
  const hub = input.hub?.(store);
  if (hub) store.useHub(hub.then((link) => link?.storage));
  // Tabs can share one connection only where they can talk to each other.
  const tabs = typeof BroadcastChannel === 'function' ? new TabMirror(`${input.name}:${config.deploymentId}`, listener.tabs, { mayPersist: () => store.mayWrite }) : undefined;
  const conversation = new Conversation(
    {
      config,
      storage: store,
      asyncChat: input.asyncChat,
      attributesEndpoint: input.attributesEndpoint,
      pageContext: input.pageContext,
      inherit: input.inherit,
      // With a hub or a hand-off, the visitor's conversation may be on another of the organisation's sites.
      holdNewSession: hub !== undefined || input.awaitingHandoff,
      holdEverySession: input.awaitingHandoff,
      ...(tabs ? { peers: tabs } : {}),
    },
    listener.conversation,
  );
  return { store, tabs, conversation, hub };
}

/** Takes the parts down; the conversation hands over what must not be lost, when asked to. */
export function disposeParts(parts: SessionParts, keep: boolean): ConversationHandover | undefined {
  // The conversation closes its socket first; then the tabs let go of ownership, so that two sockets never overlap.
  const handover = keep ? parts.conversation.handOver() : (parts.conversation.dispose(), undefined);
  parts.tabs?.stop();
  void parts.hub?.then((link) => link?.dispose());
  return handover;
}
