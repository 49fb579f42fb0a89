import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';

/** One frame that the official schema refuses, with what it says. */
export interface SchemaViolation {
  direction: 'request' | 'server';
  deploymentId: string | undefined;
  /** The request's action or the frame's class. */
  kind: string;
  errors: string[];
  frame: string;
}

const requestDefinitions: Record<string, string> = {
  configureSession: 'ConfigureSessionRequest',
  configureAuthenticatedSession: 'ConfigureAuthenticatedSessionRequest',
  onMessage: 'SendMessageRequest',
  echo: 'SendEchoRequest',
  getJwt: 'GetJwtRequest',
  closeSession: 'CloseSessionRequest',
  onAttachment: 'GenerateUploadUrlRequest',
  getAttachment: 'GenerateDownloadUrlRequest',
  deleteAttachment: 'DeleteAttachmentRequest',
  getConfiguration: 'GetConfigurationRequest',
};

const bodyClasses = [
  'SessionResponse',
  'StructuredMessage',
  'PresignedUrlResponse',
  'AttachmentDeletedResponse',
  'UploadFailureEvent',
  'UploadSuccessEvent',
  'ConnectionClosedEvent',
  'LogoutEvent',
  'SessionExpiredEvent',
  'JwtResponse',
  'GetConfigurationResponse',
  'GenerateUrlError',
  'TooManyRequestsErrorMessage',
  'ResumeTokenResponse',
  'SessionClearedEvent',
];

/**
 * Where the published schema is stricter than what the official SDKs send, listed once with
 * the reason, and relaxed on a copy of its definitions. Nothing else is relaxed.
 */
export const knownDeviations: ReadonlyArray<{ definition: string; optional: string; reason: string }> = [
  { definition: 'SendMessageRequest', optional: 'time', reason: 'the official SDKs never send a top-level time on onMessage (it is null, so omitted)' },
  { definition: 'GenerateUploadUrlRequest', optional: 'fileMd5', reason: 'the mobile SDK never sends fileMd5 with onAttachment' },
  { definition: 'ContentAttachment', optional: 'mediaType', reason: 'a visitor message names an uploaded attachment by its id only, as the mobile SDK sends it' },
];

/**
 * Checks Guest API frames against the official schema (`schema/guest-api.swagger.json`):
 * requests by their `action`, server frames by their `class` (the envelope as the service
 * sends it: `class: "string"` errors carry text), `StructuredMessage` bodies also against the
 * schema's stricter `CleanMessage`, which describes rich content.
 */
export class SchemaCheck {
  readonly #requests = new Map<string, ValidateFunction>();
  readonly #bodies = new Map<string, ValidateFunction[]>();

  // The build runs from build/server/emulator/; the schema stays with the sources.
  constructor(schemaPath = new URL('../../../demo/server/emulator/schema/guest-api.swagger.json', import.meta.url)) {
    const swagger = JSON.parse(readFileSync(schemaPath, 'utf8')) as { definitions: Record<string, { required?: string[] }> };
    const definitions = structuredClone(swagger.definitions);
    for (const { definition, optional } of knownDeviations) {
      const required = definitions[definition]!.required!;
      required.splice(required.indexOf(optional), 1);
    }
    // One OpenAPI 3 keyword in this swagger 2 file, on a `$ref` without a type (mention content
    // only): a validator cannot apply it, so the copy leaves it out.
    const verification = (definitions.RecipientAdditionalProviderInfo as { properties?: { verificationType?: { items?: { nullable?: boolean } } } }).properties?.verificationType?.items;
    delete verification?.nullable;
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat('int32', { type: 'number', validate: (value: number) => Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31 });
    ajv.addFormat('double', { type: 'number', validate: (value: number) => Number.isFinite(value) });
    ajv.addSchema({ $id: 'guest-api.json', definitions });
    const compile = (name: string) => ajv.compile({ $ref: `guest-api.json#/definitions/${name}` });
    for (const [action, definition] of Object.entries(requestDefinitions)) this.#requests.set(action, compile(definition));
    for (const name of bodyClasses) this.#bodies.set(name, [compile(name)]);
    this.#bodies.get('StructuredMessage')!.push(compile('CleanMessage'));
  }

  /** What is wrong with a request a client sent (empty when nothing). */
  request(frame: unknown): string[] {
    const action = isRecord(frame) ? frame.action : undefined;
    const validate = typeof action === 'string' ? this.#requests.get(action) : undefined;
    if (!validate) return [`no request of the schema has the action ${JSON.stringify(action)}`];
    return validate(frame) ? [] : messages(validate);
  }

  /** What is wrong with a frame the server sends (empty when nothing). */
  serverFrame(frame: unknown): string[] {
    if (!isRecord(frame)) return ['the frame is not an object'];
    const errors: string[] = [];
    if (frame.type !== 'message' && frame.type !== 'response') errors.push(`type ${JSON.stringify(frame.type)} is neither message nor response`);
    if (!Number.isInteger(frame.code)) errors.push('code is not an integer');
    if (frame.tracingId !== undefined && typeof frame.tracingId !== 'string') errors.push('tracingId is not a string');
    if (frame.class === 'string') {
      if (typeof frame.body !== 'string') errors.push('a "string" frame carries no text');
      return errors;
    }
    const validators = typeof frame.class === 'string' ? this.#bodies.get(frame.class) : undefined;
    if (!validators) return [...errors, `no class of the schema is called ${JSON.stringify(frame.class)}`];
    for (const validate of validators) if (!validate(frame.body)) errors.push(...messages(validate).map((message) => `body${message}`));
    return errors;
  }
}

function messages(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((error) => `${error.instancePath || ' '} ${error.message ?? 'is invalid'}`.trim());
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
