import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { UsageError } from '../errors.js';
import { ReportSchema, type Report } from './schema.js';

/**
 * Reads and validates one report file. Errors name the file and the bad field:
 * `reports/a.json: modules[0].status: Invalid option: … — is it a quality-gates report?`.
 */
export function readReportFile(path: string, label = path): Report {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `${label}: cannot read the report (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${label}: not JSON (${error instanceof Error ? error.message : String(error)}) — ` +
        'give the report files quality-gates run wrote',
    );
  }
  const parsed = ReportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      `${label}: ${formatPath(issue)}: ${issue.message} — is it a quality-gates report (schemaVersion 1)?`,
    );
  }
  return parsed.data;
}

function formatPath(issue: z.core.$ZodIssue): string {
  let out = '';
  for (const key of issue.path)
    out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  return out || '(root)';
}
