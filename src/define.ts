import { PersistentChat } from './components/persistent-chat/persistent-chat.js';

export const tagName = 'persistent-chat';

// An embed can end up loading the script twice (a tag manager and the page both add it):
// the second registration would throw, so it is skipped.
if (!customElements.get(tagName)) customElements.define(tagName, PersistentChat);

declare global {
  interface HTMLElementTagNameMap {
    'persistent-chat': PersistentChat;
  }
}
