import type { ConnectionState } from '../../transport/connection-state.js';

/** Every piece of text the widget shows, so that a page can translate or reword it. */
export const englishStrings = {
  launcherOpen: 'Open chat',
  launcherClose: 'Close chat',
  launcherUnread: (count: number) => `Open chat, ${count} unread ${count === 1 ? 'message' : 'messages'}`,
  title: 'Chat with us',
  minimise: 'Minimise chat',
  transcriptLabel: 'Conversation',
  composerLabel: 'Message',
  composerPlaceholder: 'Write a message…',
  send: 'Send',
  sending: 'Sending…',
  sent: 'Sent',
  failed: 'Not sent',
  retry: 'Try again',
  you: 'You',
  agent: 'Agent',
  today: 'Today',
  yesterday: 'Yesterday',
  newMessages: 'New messages',
  showEarlier: (count: number) => `Show earlier messages (${count})`,
  quickReplies: 'Suggested answers',
  dismissTeaser: 'Dismiss',
  newMessageTitle: (count: number) => `(${count}) New message${count === 1 ? '' : 's'}`,
  emptyState: 'Ask us anything. We usually answer within a few minutes.',
  unavailableStatus: 'Unavailable',
  unavailable: 'Chat is unavailable on this page right now.',
  endChat: 'End chat',
  endChatQuestion: 'End this chat? The conversation will be closed.',
  endChatConfirm: 'End chat',
  endChatCancel: 'Keep chatting',
  chatEnded: 'This chat has ended.',
  startNewChat: 'Start a new chat',
  notices: {
    'agent-left': 'The agent has left the conversation.',
    'interaction-completed': 'Thank you for your query. Please do not respond to this automated message if you do not have additional questions.',
    'session-expired': 'Your previous conversation has expired. Send a message to start a new one.',
    'session-cleared': 'This conversation has been closed.',
  } as Record<string, string>,
  typing: (name: string | undefined) => `${name ?? 'The agent'} is typing…`,
  connectedElsewhere: 'Connected in another tab',
  thirdPartyNotice: 'To continue this chat on our other websites, this browser needs to allow third-party cookies.',
  thirdPartyAllow: 'Allow for this chat',
  connection: {
    idle: 'We are here to help',
    connecting: 'Connecting…',
    connected: 'Connected',
    reconnecting: 'Reconnecting…',
    offline: 'Offline: messages will be sent when the connection is back',
  } satisfies Record<ConnectionState, string>,
};

export type ChatStrings = typeof englishStrings;

export const frenchStrings: ChatStrings = {
  launcherOpen: 'Ouvrir la discussion',
  launcherClose: 'Fermer la discussion',
  launcherUnread: (count) => `Ouvrir la discussion, ${count} message${count === 1 ? '' : 's'} non lu${count === 1 ? '' : 's'}`,
  title: 'Discutons',
  minimise: 'Réduire la discussion',
  transcriptLabel: 'Conversation',
  composerLabel: 'Message',
  composerPlaceholder: 'Écrivez un message…',
  send: 'Envoyer',
  sending: 'Envoi…',
  sent: 'Envoyé',
  failed: 'Non envoyé',
  retry: 'Réessayer',
  you: 'Vous',
  agent: 'Conseiller',
  today: 'Aujourd’hui',
  yesterday: 'Hier',
  newMessages: 'Nouveaux messages',
  showEarlier: (count) => `Afficher les messages précédents (${count})`,
  quickReplies: 'Réponses proposées',
  dismissTeaser: 'Ignorer',
  newMessageTitle: (count) => `(${count}) Nouveau${count === 1 ? '' : 'x'} message${count === 1 ? '' : 's'}`,
  emptyState: 'Posez-nous vos questions. Nous répondons en général en quelques minutes.',
  unavailableStatus: 'Indisponible',
  unavailable: 'La discussion n’est pas disponible sur cette page pour le moment.',
  endChat: 'Terminer la discussion',
  endChatQuestion: 'Terminer cette discussion ? La conversation sera fermée.',
  endChatConfirm: 'Terminer',
  endChatCancel: 'Continuer',
  chatEnded: 'Cette discussion est terminée.',
  startNewChat: 'Nouvelle discussion',
  notices: {
    'agent-left': 'Le conseiller a quitté la conversation.',
    'interaction-completed': 'Merci pour votre question. Inutile de répondre à ce message automatique si vous n’avez pas d’autre question.',
    'session-expired': 'Votre conversation précédente a expiré. Envoyez un message pour en commencer une nouvelle.',
    'session-cleared': 'Cette conversation a été fermée.',
  },
  typing: (name) => `${name ?? 'Le conseiller'} écrit…`,
  connectedElsewhere: 'Connecté dans un autre onglet',
  thirdPartyNotice: 'Pour poursuivre cette conversation sur nos autres sites, ce navigateur doit autoriser les cookies tiers.',
  thirdPartyAllow: 'Autoriser pour cette conversation',
  connection: {
    idle: 'Nous sommes là pour vous aider',
    connecting: 'Connexion…',
    connected: 'Connecté',
    reconnecting: 'Reconnexion…',
    offline: 'Hors ligne : les messages partiront dès le retour de la connexion',
  },
};

const builtIn: Record<string, ChatStrings> = { en: englishStrings, fr: frenchStrings };

/** The built-in table for a language tag (`fr`, `fr-CA`…), English when there is none. */
export function stringsFor(lang: string | undefined): ChatStrings {
  const primary = (lang ?? '').toLowerCase().split('-')[0] ?? '';
  return builtIn[primary] ?? englishStrings;
}
