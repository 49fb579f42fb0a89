/**
 * `<PersistentChat>` for React 18 and earlier, which pass neither properties nor custom
 * events to custom elements: a wrapper made by `@lit/react`. React 19 needs none (use the
 * element itself; its JSX types are in `persistent-chat/types/jsx`).
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { PersistentChat as PersistentChatElement } from '../persistent-chat/persistent-chat.js';
import type { ChatEndedEvent, ChatErrorEvent, ChatMessageEvent, ChatOwnershipEvent, ChatReadyEvent, ChatStorageEvent, ChatThirdPartyEvent } from '../../events/chat-events.js';
// Importing the entry defines the element, as a page that uses the wrapper needs.
import { tagName } from '../../define.js';

export const PersistentChat = createComponent({
  tagName,
  elementClass: PersistentChatElement,
  react: React,
  events: {
    onChatReady: 'chat-ready' as EventName<ChatReadyEvent>,
    onChatMessage: 'chat-message' as EventName<ChatMessageEvent>,
    onChatError: 'chat-error' as EventName<ChatErrorEvent>,
    onChatEnded: 'chat-ended' as EventName<ChatEndedEvent>,
    onChatOwnership: 'chat-ownership' as EventName<ChatOwnershipEvent>,
    onChatStorage: 'chat-storage' as EventName<ChatStorageEvent>,
    onChatThirdParty: 'chat-third-party' as EventName<ChatThirdPartyEvent>,
  },
  displayName: 'PersistentChat',
});
