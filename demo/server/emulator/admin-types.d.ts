// What the emulator's admin API (`GET /emulator/sessions`) answers: one description, shared by
// the emulator, the agent console and both test suites. Types only: nothing here runs.

/** One message of a session's transcript, as the admin API shows it. */
export interface SessionMessageView {
  id: string;
  direction: 'Inbound' | 'Outbound';
  type: 'Text' | 'Structured' | 'Event';
  text: string;
  time: string;
  /** The agent's or bot's display name, on outbound messages. */
  nickname?: string;
  /** The kinds of content the message holds (Attachment, Card, QuickReply, ButtonResponse…). */
  contentTypes?: string[];
  /** The visitor's answer to a quick reply, card, time slot or list: what the ButtonResponse says. */
  answer?: { type: string; payload: string; originatingMessageId?: string };
  /** The files the message carries, each with a download address valid from when the listing was made. */
  attachments?: MessageAttachmentView[];
}

/** A file a message carries, as the console shows it. */
export interface MessageAttachmentView {
  id: string;
  name: string;
  mime: string;
  mediaType: 'Image' | 'Video' | 'Audio' | 'File' | 'Link';
  /** Bytes. */
  size: number;
  /** A presigned download address (it expires as the deployment's `attachmentUrlSeconds` says). */
  url: string;
}

/** A file the server holds for a session: uploaded by the visitor, or sent by the agent. */
export interface SessionFileView {
  /** The attachment id (the client's UUID, for a visitor's upload). */
  id: string;
  name: string;
  mime: string;
  /** Bytes. */
  size: number;
  /** `uploaded`: not yet in a message; `sent`: in one; `failed`: stored, but refused (UploadFailureEvent), so it can never be sent. */
  state: 'uploaded' | 'sent' | 'failed';
  /** How many PUTs stored bytes under this id (a resumed upload replaces the bytes: still one file). */
  uploads: number;
  from: 'visitor' | 'agent';
}

/** What the admin API shows of a session: never the guest token. */
export interface SessionView {
  id: string;
  deploymentId: string;
  /** `closed`: the guest left with `closeSession` (the deployment does not allow clearing). */
  state: 'active' | 'read-only' | 'expired' | 'closed';
  /** The guest sent a Typing event in the last few seconds. */
  visitorTyping: boolean;
  /** Typing events the guest sent in all. */
  typingEvents: number;
  connections: number;
  maxConcurrentConnections: number;
  readOnly: boolean;
  /** The visitor's custom attributes: their own claims (or a page's), never checked by anyone. */
  customAttributes: Record<string, string>;
  /** A signed-in visitor's identity, as the identity provider vouched for it (checked by the emulator); absent for a guest. */
  authenticated?: { sub: string; issuer: string; name?: string; email?: string };
  /** Attributes the site's backend set on the conversation's customer participant (the platform API). */
  participantAttributes: Record<string, string>;
  /** How many messages were refused as over the rate (429). */
  rateLimited: number;
  /** How many messages carried custom attributes. */
  attributeUpdates: number;
  messages: SessionMessageView[];
  /** Every file the server holds for the session, oldest first. */
  files: SessionFileView[];
}
