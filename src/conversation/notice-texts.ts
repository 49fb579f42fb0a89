import type { NoticeKind } from './notices.js';

/**
 * The notices' English texts: the base the panel's translations replace, and the `text` of
 * the notices the server causes (the agent left, the interaction was completed). They travel
 * with the panel's code and the connection's, not with the embed.
 */
export const englishNotices: Record<NoticeKind, string> = {
  'agent-left': 'The agent has left the conversation.',
  'session-expired': 'Your previous conversation has expired. Send a message to start a new one.',
  'session-cleared': 'This conversation has been closed.',
  'signed-in': 'You are signed in: the agent knows who you are, and this conversation follows you to every device where you sign in.',
  'signing-in-again': 'Your sign-in has lapsed: signing you in again.',
  'sign-in-needed': 'Sign in to chat: what you write waits here until you do.',
  'signed-out': 'You signed out: your conversation is no longer shown on this device. Sign in again to continue it.',
  'interaction-completed': 'Thank you for your query. Please do not respond to this automated message if you do not have additional questions.',
  page: '',
};
