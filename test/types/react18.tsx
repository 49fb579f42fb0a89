// React 18 passes neither properties nor custom events to custom elements: the wrapper does.
import { PersistentChat } from 'persistent-chat/react';

export const chat = (
  <PersistentChat deploymentId="a1b2" region="mypurecloud.com" guestAttributes={{ 'custom.plan': 'gold' }} onChatMessage={(event) => event.detail.message.text} onChatEnded={(event) => event.detail.reason} />
);

// @ts-expect-error a misspelt property
export const misspelt = <PersistentChat deploymentIdd="a1b2" />;
// @ts-expect-error a chat-ended detail has no `message`
export const wrongDetail = <PersistentChat onChatEnded={(event) => event.detail.message} />;
