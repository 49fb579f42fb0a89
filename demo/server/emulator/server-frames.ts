/** Builders for the frames a Web Messaging server sends, in the Guest API's envelope. */

export interface ServerFrame {
  type: 'response' | 'message';
  class: string;
  code: number;
  body: unknown;
  tracingId?: string;
}

export function response(className: string, body: unknown, tracingId?: string, code = 200): ServerFrame {
  return withTracingId({ type: 'response', class: className, code, body }, tracingId);
}

export function push(className: string, body: unknown, tracingId?: string, code = 200): ServerFrame {
  return withTracingId({ type: 'message', class: className, code, body }, tracingId);
}

/** An error answer: the Guest API sends these with `class: "string"` and plain text in `body`. */
export function errorResponse(code: number, text: string, tracingId?: string): ServerFrame {
  return withTracingId({ type: 'response', class: 'string', code, body: text }, tracingId);
}

function withTracingId(frame: ServerFrame, tracingId: string | undefined): ServerFrame {
  return tracingId === undefined ? frame : { ...frame, tracingId };
}

/** Error codes of the Guest API that the emulator produces (`ErrorCode.kt` in the official SDK). */
export const GuestApiError = {
  /** `FeatureUnavailable`, the generic refusal: used where no file code fits (an attachment id already taken or sent). */
  featureUnavailable: 4000,
  fileTypeInvalid: 4001,
  fileSizeInvalid: 4002,
  fileContentInvalid: 4003,
  fileNameInvalid: 4004,
  fileNameTooLong: 4005,
  sessionExpired: 4006,
  sessionNotFound: 4007,
  attachmentNotFound: 4009,
  attachmentNotUploaded: 4010,
  messageTooLong: 4011,
  customAttributesTooLarge: 4013,
  /** `CannotDowngradeToUnauthenticated`: a guest configure with a token that spoke for a signed-in visitor. */
  cannotDowngrade: 4017,
  missingParameter: 4020,
  rateTooHigh: 4029,
} as const;
