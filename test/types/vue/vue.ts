// Vue templates see the element through GlobalComponents; `h()` checks the same props in TypeScript.
import { h, type GlobalComponents } from 'vue';
import type {} from 'persistent-chat/types/vue';

declare const PersistentChat: GlobalComponents['persistent-chat'];

export const chat = h(PersistentChat, { 'deployment-id': 'a1b2', region: 'mypurecloud.com', 'onchat-message': (event) => event.detail.message.text });

// @ts-expect-error a chat-message detail has no `code`
export const wrongDetail = h(PersistentChat, { 'onchat-message': (event) => event.detail.code });
// @ts-expect-error deployment-id is a string
export const wrongType = h(PersistentChat, { 'deployment-id': 42 });
