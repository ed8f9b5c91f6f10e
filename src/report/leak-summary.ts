import { escapeInline } from './escape.js';
import type { LeakSuspect, ModuleLeak, ModuleResult } from './schema.js';

/** Suspects named per module at most (the analysis lists five at most); the report JSON has them all. */
const MAX_SUSPECTS = 5;

/**
 * The summary's leak forensics section (--heap-snapshots): per flagged module one line on
 * the climb and its snapshots, then one line per suspect, e.g. `🧪 **billing**: LeakyStore
 * +1,200 instances, +58 MB — util.__parked → Array → LeakyStore`. Nothing when no module
 * was flagged. Module names, class names, retainer paths and error messages come from user
 * code: all are escaped.
 */
export function renderLeakForensics(modules: readonly ModuleResult[]): string | undefined {
  const flagged = modules.filter((module) => module.leak?.flagged);
  if (flagged.length === 0) return undefined;
  const lines = ['### 🧪 Leak forensics', ''];
  for (const module of flagged) {
    const leak = module.leak!;
    const name = escapeInline(module.name);
    lines.push(`- 🧪 **${name}**: ${climbPhrase(leak)}; ${outcomePhrase(leak)}`);
    for (const suspect of leak.suspects.slice(0, MAX_SUSPECTS)) lines.push(`- 🧪 ${name}: ${suspectLine(suspect)}`);
  }
  lines.push(
    '',
    '<sub>Heap snapshots are written when the post-GC heap keeps climbing, then compared in a separate process: the classes that grew in every snapshot, with one retainer path. Open the snapshots (artifact <code>heap-snapshots</code>) in Chrome DevTools › Memory.</sub>',
  );
  return lines.join('\n');
}

/** `LeakyStore +1,200 instances, +58 MB — util.__parked → Array → LeakyStore`. */
export function suspectLine(suspect: LeakSuspect): string {
  const count = `${signed(suspect.countDelta)} ${Math.abs(suspect.countDelta) === 1 ? 'instance' : 'instances'}`;
  const size = `${signed(roundMB(suspect.sizeDeltaMB))} MB`;
  const where = suspect.retainers !== '' ? ` — ${escapeInline(suspect.retainers)}` : '';
  const related = suspect.inside
    ? ` (inside ${escapeInline(suspect.inside)})`
    : suspect.holds
      ? ` (holds ${escapeInline(suspect.holds)})`
      : '';
  return `${escapeInline(suspect.name)} ${count}, ${size}${where}${related}`;
}

function climbPhrase(leak: ModuleLeak): string {
  if (leak.across === 'limit' && leak.growthMB === null) return 'the heap reached its limit';
  const over =
    leak.steps !== undefined
      ? leak.across === 'tests'
        ? ` over ${leak.steps} samples within one test file`
        : ` over ${leak.steps} test files`
      : '';
  return leak.growthMB !== null ? `post-GC heap rose ${roundMB(leak.growthMB)} MB${over}` : 'post-GC heap climbed';
}

function outcomePhrase(leak: ModuleLeak): string {
  const count = leak.snapshots.length;
  const written = count === 0 ? 'no heap snapshot' : `${count} heap ${count === 1 ? 'snapshot' : 'snapshots'}`;
  const skipped = leak.skipped ? ` (${escapeInline(leak.skipped)})` : '';
  if (leak.error !== undefined) return `${written}${skipped}; no analysis: ${escapeInline(leak.error)}`;
  if (count === 0) return `${written}${skipped}`;
  if (leak.suspects.length === 0) return `${written}${skipped}; nothing grew in every snapshot`;
  return `${written}${skipped}, what grew:`;
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : '−'}${Math.abs(value).toLocaleString('en-US')}`;
}

function roundMB(value: number): number {
  return Math.abs(value) >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
}
