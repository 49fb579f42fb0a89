export { PersistentChat } from './components/persistent-chat/persistent-chat.js';
export {
  ChatEndedEvent,
  ChatErrorEvent,
  ChatMessageEvent,
  ChatOwnershipEvent,
  ChatReadyEvent,
  ChatStorageEvent,
  ChatThirdPartyEvent,
  type ChatErrorCode,
  type ChatErrorDetail,
  type ChatStorageDetail,
  type ChatThirdPartyDetail,
} from './events/chat-events.js';
export type { ChatStrings } from './components/persistent-chat/strings.js';
export type { SessionHooks } from './storage/adapters/hooks-adapter.js';
export type { AuthCode, AuthMode, AuthProvider } from './auth/auth-provider.js';
export { ChatAuthenticatedEvent, ChatSignedOutEvent, type ChatAuthenticatedDetail, type SignOutReason } from './events/auth-events.js';
export type { ChatMessage, DeliveryState, MessageAuthor } from './base/chat-message.js';
export type { ConnectionState } from './transport/connection-state.js';
export { resolveChatConfig, type ChatConfig, type ConfigProblem } from './config/chat-config.js';
