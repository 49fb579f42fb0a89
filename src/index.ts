export { PersistentChat } from './components/persistent-chat/persistent-chat.js';
export { ChatErrorEvent, ChatMessageEvent, ChatReadyEvent, type ChatErrorCode, type ChatErrorDetail } from './events/chat-events.js';
export type { ChatMessage, DeliveryState, MessageAuthor } from './base/chat-message.js';
export type { ConnectionState } from './transport/connection-state.js';
export { resolveChatConfig, type ChatConfig, type ConfigProblem } from './config/chat-config.js';
