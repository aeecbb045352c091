import { parseCallVolumesCsv, type CallCsvProblem, type CallVolumeLine } from '@groundswell/core';
import { knownCategoryCodes } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

export interface CallPreview {
  lines: CallVolumeLine[];
  /** Each bad cell as `line N, column X`, in the order of the file. */
  problems: CallCsvProblem[];
}

/**
 * Reads a call log without storing it: the lines it would import and every problem, named
 * by line and column (unknown category codes too), so an admin can fix the file first.
 */
export async function previewCalls(deps: Pick<AppDeps, 'database'>, csv: string): Promise<CallPreview> {
  const { lines, problems } = parseCallVolumesCsv(csv);
  const known = await knownCategoryCodes(deps.database, [...new Set(lines.map((l) => l.category))]);
  for (const l of lines) {
    if (!known.has(l.category)) problems.push({ field: `line ${l.line}, column category`, message: `Unknown category ${l.category}` });
  }
  problems.sort((a, b) => lineOf(a.field) - lineOf(b.field));
  return { lines, problems };
}

const lineOf = (field: string) => Number(/line (\d+)/.exec(field)?.[1] ?? 0);
