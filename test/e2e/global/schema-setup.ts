import { rmSync } from 'node:fs';
import { schemaReportPath } from './schema-report.js';

/** Starts the run with no violations on record. */
export default function schemaSetup(): void {
  rmSync(schemaReportPath(Number(process.env.E2E_PORT ?? 8731)), { force: true });
}
