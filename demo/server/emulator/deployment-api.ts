import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError, sendJson } from '../http/json.js';
import { defaultDeploymentSettings, type DeploymentSettings } from './deployments.js';
import type { Emulator } from './emulator.js';

/** Where Genesys Cloud publishes a deployment's configuration (on `api-cdn.<region>`; here on the emulator's host). */
export const deploymentConfigPath = /^\/webdeployments\/v1\/deployments\/([A-Za-z0-9_-]{1,128})\/config\.json$/;

/** `GET …/deployments/{id}/config.json`: public, cacheable, readable from any origin, as the CDN serves it. */
export function serveDeploymentConfig(emulator: Emulator, req: IncomingMessage, res: ServerResponse, deploymentId: string, origin: string): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  if (req.method === 'OPTIONS') return void res.writeHead(204, { 'Access-Control-Allow-Methods': 'GET' }).end();
  if (req.method !== 'GET') return sendError(res, 405, `${req.method} is not supported on a deployment's configuration`);
  const { configStatus } = emulator.deployments.settings(deploymentId);
  if (configStatus !== 200) return sendJson(res, configStatus, { message: 'deployment configuration unavailable', status: configStatus });
  sendJson(res, 200, emulator.deployments.configJson(deploymentId, origin));
}

/** `POST /emulator/deployments/{id}`: changes what the deployment's config says and how strictly the emulator speaks for it. */
export function changeDeployment(emulator: Emulator, deploymentId: string, body: Record<string, unknown>, res: ServerResponse): void {
  const change: Partial<DeploymentSettings> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!Object.hasOwn(defaultDeploymentSettings, key)) {
      return sendError(res, 400, `unknown deployment setting ${JSON.stringify(key)}; supported: ${Object.keys(defaultDeploymentSettings).join(', ')}`);
    }
    const expected = typeof defaultDeploymentSettings[key as keyof DeploymentSettings];
    if (typeof value !== expected) return sendError(res, 400, `${JSON.stringify(key)} must be a ${expected}`);
    if (key === 'sessionDurationSeconds' && !(Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 47_347_200)) {
      return sendError(res, 400, '"sessionDurationSeconds" must be a whole number of seconds from 1 to 47347200 (18 months)');
    }
    if (key === 'attachmentUrlSeconds' && !(Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 604_800)) {
      return sendError(res, 400, '"attachmentUrlSeconds" must be a whole number of seconds from 1 to 604800');
    }
    if (key === 'configStatus' && !(Number.isInteger(value) && (value as number) >= 200 && (value as number) <= 599)) {
      return sendError(res, 400, '"configStatus" must be an HTTP status');
    }
    Object.assign(change, { [key]: value });
  }
  sendJson(res, 200, emulator.deployments.change(deploymentId, change));
}
