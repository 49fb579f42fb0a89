/** Where and how the widget connects, resolved from the element's attributes. */
export interface ChatConfig {
  readonly deploymentId: string;
  /** The Guest API WebSocket, with `deploymentId` in its query. */
  readonly socketUrl: string;
  /** The REST host for history: `https://api.<region>`. */
  readonly apiBaseUrl: string;
  /** The deployment's published configuration: `https://api-cdn.<region>/webdeployments/v1/deployments/<id>/config.json`. */
  readonly configUrl: string;
}

export type ConfigProblemCode = 'missing-attribute' | 'invalid-attribute';

export interface ConfigProblem {
  readonly code: ConfigProblemCode;
  readonly attribute: 'deployment-id' | 'region' | 'endpoint';
  readonly message: string;
}

export interface ConfigInput {
  deploymentId?: string | null | undefined;
  region?: string | null | undefined;
  endpoint?: string | null | undefined;
}

export interface ResolvedConfig {
  /** Undefined when the widget cannot connect at all. */
  readonly config: ChatConfig | undefined;
  /** Everything wrong with the input, including what could be worked around. */
  readonly problems: readonly ConfigProblem[];
}

const deploymentIdPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
// A DNS name of at least two labels: mypurecloud.com, euw2.pure.cloud, usw2.pure.cloud.
const regionPattern = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * Checks the three connection attributes. `endpoint` wins over `region`; a malformed
 * `endpoint` falls back to a valid `region` (and is still reported).
 */
export function resolveChatConfig(input: ConfigInput): ResolvedConfig {
  const problems: ConfigProblem[] = [];
  const deploymentId = input.deploymentId?.trim() ?? '';
  if (deploymentId === '') {
    problems.push({ code: 'missing-attribute', attribute: 'deployment-id', message: 'deployment-id is required: set it to your Web Messaging deployment id' });
  } else if (!deploymentIdPattern.test(deploymentId)) {
    problems.push({ code: 'invalid-attribute', attribute: 'deployment-id', message: `deployment-id ${JSON.stringify(deploymentId)} is not a deployment id (letters, digits and dashes)` });
  }

  const endpoint = input.endpoint?.trim() ? parseEndpoint(input.endpoint.trim(), problems) : undefined;
  const region = input.region?.trim().toLowerCase() ?? '';
  let urls = endpoint;
  if (!urls && region !== '') {
    if (regionPattern.test(region)) {
      urls = { socket: new URL(`wss://webmessaging.${region}/v1`), api: `https://api.${region}`, cdn: `https://api-cdn.${region}` };
    } else {
      problems.push({ code: 'invalid-attribute', attribute: 'region', message: `region ${JSON.stringify(region)} is not a Genesys Cloud domain such as mypurecloud.com or euw2.pure.cloud` });
    }
  } else if (!urls && !input.endpoint?.trim()) {
    problems.push({ code: 'missing-attribute', attribute: 'region', message: 'set region (e.g. mypurecloud.com) or endpoint (a ws:// or wss:// URL)' });
  }

  if (!urls || problems.some((problem) => problem.attribute === 'deployment-id')) return { config: undefined, problems };
  if (!urls.socket.searchParams.has('deploymentId')) urls.socket.searchParams.set('deploymentId', deploymentId);
  const configUrl = `${urls.cdn}/webdeployments/v1/deployments/${deploymentId}/config.json`;
  return { config: { deploymentId, socketUrl: urls.socket.href, apiBaseUrl: urls.api, configUrl }, problems };
}

function parseEndpoint(value: string, problems: ConfigProblem[]): { socket: URL; api: string; cdn: string } | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push({ code: 'invalid-attribute', attribute: 'endpoint', message: `endpoint ${JSON.stringify(value)} is not a URL; use a full ws:// or wss:// URL` });
    return undefined;
  }
  if ((url.protocol !== 'ws:' && url.protocol !== 'wss:') || url.hostname === '' || url.username || url.password) {
    problems.push({ code: 'invalid-attribute', attribute: 'endpoint', message: `endpoint ${JSON.stringify(value)} must be a ws:// or wss:// URL without credentials` });
    return undefined;
  }
  // Genesys serves the Guest API on webmessaging.<region>, REST on api.<region> and the
  // deployment's configuration on api-cdn.<region>; anything else (the emulator, a proxy)
  // serves all three on one host.
  const region = url.host.startsWith('webmessaging.') ? url.host.slice('webmessaging.'.length) : undefined;
  const scheme = url.protocol === 'wss:' ? 'https' : 'http';
  return { socket: url, api: `${scheme}://${region ? `api.${region}` : url.host}`, cdn: `${scheme}://${region ? `api-cdn.${region}` : url.host}` };
}
