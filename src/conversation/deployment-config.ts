import type { DeploymentFeatures } from '../base/deployment-features.js';
import { isRecord } from '../transport/guest-api-frames.js';

/**
 * What the widget assumes when the configuration cannot be read: nothing the server could
 * refuse (no clearing, no visitor typing, no autostart) and nothing it could misrender (no
 * markdown). Showing the agent typing is harmless, so it stays on.
 */
export const fallbackFeatures: DeploymentFeatures = { clear: false, agentTyping: true, visitorTyping: false, autoStart: false, markdown: false };

/**
 * Reads the deployment's published configuration, as the official SDK does before it
 * connects (`readDeploymentFeatures` says what it allows). Keys that are absent mean `false`,
 * as in the SDK; unknown keys are ignored.
 */
export async function fetchDeploymentConfig(url: string, signal: AbortSignal): Promise<unknown> {
  const response = await fetch(url, { signal, credentials: 'omit' });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

export function readDeploymentFeatures(config: unknown): DeploymentFeatures {
  const messenger = isRecord(config) && isRecord(config.messenger) ? config.messenger : {};
  const apps = isRecord(messenger.apps) ? messenger.apps : {};
  const conversations = isRecord(apps.conversations) ? apps.conversations : {};
  const enabled = (key: string): boolean => isRecord(conversations[key]) && (conversations[key] as Record<string, unknown>).enabled === true;
  return {
    clear: enabled('conversationClear'),
    agentTyping: conversations.showAgentTypingIndicator === true,
    visitorTyping: conversations.showUserTypingIndicator === true,
    autoStart: enabled('autoStart'),
    markdown: enabled('markdown'),
    disconnect: enabled('conversationDisconnect') && (conversations.conversationDisconnect as Record<string, unknown>).type === 'ReadOnly' ? 'read-only' : 'send',
  };
}
