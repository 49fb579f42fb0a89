import type { ChatConfig } from '../config/chat-config.js';
import type { ChatErrorDetail } from '../events/chat-events.js';
import { ChatAuthenticatedEvent, ChatSignedOutEvent, type SignOutReason } from '../events/auth-events.js';
import type { AuthMode } from './auth-provider.js';
import type { Conversation } from '../conversation/conversation.js';
import type { NoticeKind } from '../conversation/notices.js';
import { englishNotices } from '../conversation/notice-texts.js';
import { MessagingAuth, type TokenShelf } from './messaging-auth.js';

/** What the chunk needs of the chat session (`session/chat-session.ts`). */
export interface SignInHost {
  /** The page's `auth` property, as it is now. */
  readonly authProvider: unknown;
  /** Says something in the transcript (a notice of this kind, its English text given). */
  inject(text: string, kind: NoticeKind): unknown;
  dispatch(event: Event): void;
  report(detail: ChatErrorDetail): void;
  warn(message: string): void;
}

/**
 * The code for signed-in visitors: a chunk of its own, fetched only on pages with `auth`.
 * It speaks to the page through events (`chat-authenticated`, `chat-signed-out`, `chat-error`).
 */
export function signedInVisitor(host: SignInHost, shelf: TokenShelf, config: ChatConfig, mode: AuthMode): MessagingAuth {
  return new MessagingAuth({
    config,
    mode,
    shelf,
    provider: () => host.authProvider,
    listener: {
      authenticated: (identity) => host.dispatch(new ChatAuthenticatedEvent(identity)),
      signingInAgain: () => host.inject(englishNotices['signing-in-again'], 'signing-in-again'),
      signInNeeded: () => host.inject(englishNotices['sign-in-needed'], 'sign-in-needed'),
      problem: (detail) => host.report(detail),
    },
  });
}

/**
 * The visitor signed out (`visitor`: revoked here first) or was signed out on another device
 * (`service`): their conversation is erased from this device, in every tab, then it is said.
 */
export async function signOut(auth: Promise<MessagingAuth | undefined> | undefined, conversation: Conversation | undefined, reason: SignOutReason, host: SignInHost): Promise<void> {
  // The visitor's own revoke reaches this tab's connection too (LogoutEvent): it is that sign-out, said once.
  if (reason === 'service' && conversation && signingOut.has(conversation)) return;
  const signedIn = await auth;
  if (reason === 'visitor' && conversation) signingOut.add(conversation);
  try {
    if (reason === 'visitor') await signedIn?.signOut();
    else signedIn?.loggedOut();
  } finally {
    // The LogoutEvent may come a moment after the service's answer: still this sign-out.
    if (conversation) setTimeout(() => signingOut.delete(conversation), 5000);
  }
  conversation?.signedOut();
  host.dispatch(new ChatSignedOutEvent(reason));
}

/** The conversations whose visitor is signing out here: their LogoutEvent is that sign-out. */
const signingOut = new WeakSet<Conversation>();
