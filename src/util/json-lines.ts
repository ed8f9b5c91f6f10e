/**
 * The JSON objects of a JSON-lines text, in order. Blank lines, a torn line (a process may
 * die mid-write) and lines that are not JSON objects are skipped: the files this reads are
 * appended to by test processes that can be killed at any moment.
 */
export function jsonLines(text: string): Record<string, unknown>[] {
  const records: Record<string, unknown>[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      records.push(value as Record<string, unknown>);
  }
  return records;
}
