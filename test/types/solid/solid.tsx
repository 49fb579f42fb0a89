import type {} from 'persistent-chat/types/solid';

export const chat = <persistent-chat deployment-id="a1b2" region="mypurecloud.com" on:chat-storage={(event) => event.detail.adapter} />;

// @ts-expect-error a misspelt attribute
export const misspelt = <persistent-chat regoin="mypurecloud.com" />;
// @ts-expect-error a chat-storage detail has no `owner`
export const wrongDetail = <persistent-chat on:chat-storage={(event) => event.detail.owner} />;
