import { VERSION } from '../version.js';
import type { Report } from './schema.js';

/** What the producer of a report (a run, a merge) decides; {@link buildReport} adds the stamp. */
export type ReportFields = Omit<Report, 'schemaVersion' | 'tool'>;

/** A report stamped with the schema version and this tool's name and version: the one place that writes them. */
export function buildReport(fields: ReportFields): Report {
  return { schemaVersion: 1, tool: { name: 'quality-gates', version: VERSION }, ...fields };
}
