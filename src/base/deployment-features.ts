/**
 * What the deployment's published configuration (`config.json`) lets the widget do, as far
 * as the widget acts on it. Read by the connection, shown by the panel.
 */
export interface DeploymentFeatures {
  /** `conversationClear.enabled`: "End chat" clears the conversation; otherwise it closes the session (`closeSession`). */
  readonly clear: boolean;
  /** `showAgentTypingIndicator`: show the agent typing. */
  readonly agentTyping: boolean;
  /** `showUserTypingIndicator`: tell the agent when the visitor types. */
  readonly visitorTyping: boolean;
  /** `autoStart.enabled`: a new session joins at once (Presence `Join`), so a bot can greet first. */
  readonly autoStart: boolean;
  /** `markdown.enabled`: agent text is markdown. */
  readonly markdown: boolean;
  /**
   * `conversationDisconnect.type`: whether an agent who leaves ends the chat (`read-only`: the
   * visitor cannot write on in it) or only leaves (`send`). Only the wording follows it: that
   * a conversation is read-only, the server itself says.
   */
  readonly disconnect?: 'read-only' | 'send';
  /** What files the visitor may send (see `uploads/file-profile.ts`): `null` none, absent not known yet (the session has not answered). */
  readonly files?: FileProfile | null;
}

/** The deployment's inbound attachment profile, as the official SDK builds it. */
export interface FileProfile {
  /** MIME types, with the service's wildcards (`image/*`: any image; `*` for both halves: any file). */
  readonly types: readonly string[];
  /** Kilobytes of 1000 bytes, as the service counts them. */
  readonly maxKB: number;
  /** Extensions with their dot, matched exactly (the service's rule is case-sensitive). */
  readonly blocked: readonly string[];
}
