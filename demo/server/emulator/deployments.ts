import type { UploadProfile } from './upload-rules.js';

/**
 * The emulated deployments: what each one's `config.json` says, and how strictly the
 * emulator speaks for it. Any deployment id is served; an admin call changes one.
 */

/** What a test or the console may change about one deployment (`POST /emulator/deployments/{id}`). */
export interface DeploymentSettings {
  /** `conversationClear.enabled`: Presence `Clear` accepted, else refused with 403. */
  conversationClear: boolean;
  /** `showAgentTypingIndicator`: the widget shows the agent typing. */
  agentTyping: boolean;
  /** `showUserTypingIndicator`: visitor typing events accepted, else refused with 403. */
  visitorTyping: boolean;
  /** `autoStart.enabled`: the widget sends Presence `Join` on a new session. */
  autoStart: boolean;
  /** What the bot says when an autostarted session joins; empty for nothing. */
  autoStartGreeting: string;
  /** `markdown.enabled`: agent text is markdown. */
  markdown: boolean;
  /** `conversationDisconnect.type`: `ReadOnly` (an agent who leaves ends the chat) rather than `Send`. */
  readOnlyDisconnect: boolean;
  /** `fileUpload.enableAttachments`, with the emulator's one upload mode. */
  attachments: boolean;
  /** The session's lifetime after its last message. */
  sessionDurationSeconds: number;
  /** How long a presigned download address stays valid (Genesys: about 10 minutes). */
  attachmentUrlSeconds: number;
  /** `auth.enabled`: signed-in visitors (the token calls and `configureAuthenticatedSession`), verified by the demo identity provider. */
  auth: boolean;
  /** `auth.allowSessionUpgrade`: a guest may sign in mid-chat on its open connection (step-up). */
  allowSessionUpgrade: boolean;
  /** HTTP status `config.json` answers with: 200, or an outage (404, 500…). */
  configStatus: number;
  /**
   * The kinder behaviour of earlier emulator versions: a `tracingId` on every answer, and the
   * client's message metadata kept in history. The real service promises neither.
   */
  lenient: boolean;
}

export const defaultDeploymentSettings: DeploymentSettings = {
  conversationClear: true,
  agentTyping: true,
  visitorTyping: true,
  autoStart: false,
  autoStartGreeting: 'Hello! I am the Fernhill assistant. How can we help?',
  markdown: true,
  readOnlyDisconnect: false,
  attachments: true,
  sessionDurationSeconds: 259_200,
  attachmentUrlSeconds: 600,
  auth: true,
  allowSessionUpgrade: true,
  configStatus: 200,
  lenient: false,
};

/** The inbound upload profile the emulator grants, in the SessionResponse's `allowedMedia` shape. */
export const uploadProfile = {
  allowedMedia: { inbound: { fileTypes: [{ type: 'image/png' }, { type: 'image/jpeg' }, { type: 'application/pdf' }], maxFileSizeKB: 10240 } },
  blockedExtensions: ['.exe', '.bat'],
};

/** The same profile as the upload rules read it. */
export const inboundUploadProfile: UploadProfile = {
  fileTypes: uploadProfile.allowedMedia.inbound.fileTypes.map((each) => each.type),
  maxFileSizeKB: uploadProfile.allowedMedia.inbound.maxFileSizeKB,
  blockedExtensions: uploadProfile.blockedExtensions,
};

export class Deployments {
  readonly #changed = new Map<string, DeploymentSettings>();

  constructor(private readonly defaults: DeploymentSettings) {}

  settings(deploymentId: string): DeploymentSettings {
    return this.#changed.get(deploymentId) ?? this.defaults;
  }

  change(deploymentId: string, change: Partial<DeploymentSettings>): DeploymentSettings {
    const next = { ...this.settings(deploymentId), ...change };
    this.#changed.set(deploymentId, next);
    return next;
  }

  reset(): void {
    this.#changed.clear();
  }

  /** `config.json` as Genesys Cloud publishes it (the keys the official SDK reads, and a few the UI uses). */
  configJson(deploymentId: string, origin: string): Record<string, unknown> {
    const settings = this.settings(deploymentId);
    return {
      id: `cfg-${deploymentId}`,
      version: '1',
      languages: ['en-us'],
      defaultLanguage: 'en-us',
      apiEndpoint: origin,
      status: 'Active',
      messenger: {
        enabled: true,
        apps: {
          conversations: {
            messagingEndpoint: origin.replace(/^http/, 'ws'),
            showAgentTypingIndicator: settings.agentTyping,
            showUserTypingIndicator: settings.visitorTyping,
            autoStart: { enabled: settings.autoStart },
            conversationDisconnect: { enabled: true, type: settings.readOnlyDisconnect ? 'ReadOnly' : 'Send' },
            conversationClear: { enabled: settings.conversationClear },
            markdown: { enabled: settings.markdown },
          },
        },
        styles: { primaryColor: '#1f6f5c' },
        launcherButton: { visibility: 'On' },
        fileUpload: settings.attachments
          ? { enableAttachments: true, modes: [{ fileTypes: ['image/png', 'image/jpeg', 'application/pdf'], maxFileSizeKB: 10240 }] }
          : { modes: [] },
      },
      journeyEvents: { enabled: false },
      auth: { enabled: settings.auth, allowSessionUpgrade: settings.allowSessionUpgrade },
    };
  }
}
