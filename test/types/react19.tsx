// React 19 passes properties and custom events to custom elements: the element's JSX types suffice.
import type {} from 'persistent-chat/types/jsx';
import type { ChatMessage } from 'persistent-chat';

export const chat = (
  <persistent-chat
    deployment-id="a1b2"
    region="mypurecloud.com"
    consent="pending"
    auto-open={5}
    theme="dark"
    guestAttributes={{ 'custom.plan': 'gold' }}
    onchat-message={(event) => {
      const message: ChatMessage = event.detail.message;
      return message.text;
    }}
    onchat-error={(event) => event.detail.code}
  />
);

// @ts-expect-error a misspelt attribute (JSX never checks unknown names with a dash: `deployment-idd` would pass)
export const misspelt = <persistent-chat regoin="mypurecloud.com" />;
// @ts-expect-error auto-open takes a number of seconds
export const wrongType = <persistent-chat auto-open="soon" />;
// @ts-expect-error a theme the element does not have
export const wrongTheme = <persistent-chat theme="blue" />;
// @ts-expect-error a chat-message detail has no `code`
export const wrongDetail = <persistent-chat onchat-message={(event) => event.detail.code} />;
