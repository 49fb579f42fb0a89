import type { FileProfile } from '../base/deployment-features.js';
import { isRecord } from '../transport/guest-api-frames.js';

// Apart from the checks (`file-profile.ts`, with the panel): the connection reads the profile, the panel checks files against it.

/**
 * The attachment profile, from where the official SDK takes it: the SessionResponse's
 * `allowedMedia` and `blockedExtensions` when the configuration has
 * `fileUpload.enableAttachments`, else the configuration's legacy `fileUpload.modes` (the
 * types of every mode, the size of the first). Undefined: the visitor may send no files.
 */
export function readFileProfile(config: unknown, session: unknown): FileProfile | undefined {
  const messenger = isRecord(config) && isRecord(config.messenger) ? config.messenger : {};
  const upload = isRecord(messenger.fileUpload) ? messenger.fileUpload : {};
  if (upload.enableAttachments !== undefined && upload.enableAttachments !== null) {
    const body = isRecord(session) ? session : {};
    const inbound = isRecord(body.allowedMedia) && isRecord(body.allowedMedia.inbound) ? body.allowedMedia.inbound : {};
    const types = Array.isArray(inbound.fileTypes) ? inbound.fileTypes.map((each) => (isRecord(each) ? each.type : undefined)) : [];
    const blocked = Array.isArray(body.blockedExtensions) ? body.blockedExtensions.filter((each): each is string => typeof each === 'string') : [];
    return profileOf(types, inbound.maxFileSizeKB, blocked);
  }
  const modes = Array.isArray(upload.modes) ? upload.modes.filter(isRecord) : [];
  return profileOf(
    modes.flatMap((mode) => (Array.isArray(mode.fileTypes) ? mode.fileTypes : [])),
    modes[0]?.maxFileSizeKB,
    [],
  );
}

/** Enabled only with at least one type and a size above 0, as the official SDK decides. */
function profileOf(types: readonly unknown[], maxKB: unknown, blocked: readonly string[]): FileProfile | undefined {
  const known = types.filter((type): type is string => typeof type === 'string' && /^[^/\s]+\/[^/\s]+$/.test(type));
  if (known.length === 0 || typeof maxKB !== 'number' || !(maxKB > 0)) return undefined;
  return { types: known, maxKB, blocked };
}
