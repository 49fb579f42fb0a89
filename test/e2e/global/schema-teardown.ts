import { existsSync, readFileSync } from 'node:fs';
import { probeDeploymentPrefix, schemaReportPath } from './schema-report.js';

interface Violation {
  direction: string;
  deploymentId?: string;
  kind: string;
  errors: string[];
  frame: string;
}

/**
 * Fails the run if any frame the widget sent, or the emulator sent, did not match the official
 * Guest API schema (with the deviations `schema-check.ts` lists).
 */
export default function schemaTeardown(): void {
  const path = schemaReportPath(Number(process.env.E2E_PORT ?? 8731));
  if (!existsSync(path)) return;
  const violations = readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Violation)
    .filter((violation) => !violation.deploymentId?.startsWith(probeDeploymentPrefix));
  if (violations.length === 0) return;
  const lines = violations.slice(0, 20).map((each) => `  ${each.direction} ${each.kind}: ${each.errors.join('; ')}\n    ${each.frame.slice(0, 300)}`);
  throw new Error(`${violations.length} frame(s) of the run do not match the Guest API schema:\n${lines.join('\n')}`);
}
