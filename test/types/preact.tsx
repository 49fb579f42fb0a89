/** @jsxImportSource preact */
import type {} from 'persistent-chat/types/jsx';

export const chat = <persistent-chat deployment-id="a1b2" endpoint="wss://example.test/v1" notify onchat-ownership={(event) => event.detail.owner} />;

// @ts-expect-error a misspelt attribute
export const misspelt = <persistent-chat endpont="wss://example.test/v1" />;
// @ts-expect-error a chat-ownership detail has no `reason`
export const wrongDetail = <persistent-chat onchat-ownership={(event) => event.detail.reason} />;
