import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the emulator of the end-to-end run appends every frame the official Guest API schema
 * refuses (EMULATOR_SCHEMA_REPORT), one JSON object per line.
 */
export function schemaReportPath(port: number): string {
  return join(tmpdir(), `persistent-chat-schema-violations-${port}.ndjson`);
}

/** Deployments whose violations are on purpose: the test that proves the check itself works. */
export const probeDeploymentPrefix = 'schema-probe-';
