import type { BusinessCalendar } from '../model/calendar';
import type { OrgDirectory } from '../model/org';
import { suggestClosest } from '../time';
import type { Report } from './reporter';
import type { SopIndex } from './sop-index';

/** What `validateSop` may check references against. */
export interface ValidateOptions {
  /** The org directory: departments, roles and users must exist in it. */
  readonly org?: OrgDirectory;
  /** Business calendars by id: the SOP's `calendar` must be one of them. */
  readonly calendars?: ReadonlyMap<string, BusinessCalendar>;
}

/** One semantic check: reads the index, reports what is wrong. */
export type SopCheck = (index: SopIndex, report: Report, options: ValidateOptions) => void;

/**
 * "did you mean 'x'?" when a candidate is close, else the list of candidates (shortened when long).
 *
 * @example
 * ```ts
 * suggest('breakdwn', ['breakdown', 'progress'], 'steps'); // "did you mean 'breakdown'?"
 * suggest('zzz', ['breakdown', 'progress'], 'steps'); // 'steps are: breakdown, progress'
 * ```
 */
export function suggest(word: string, candidates: Iterable<string>, what: string): string {
  const list = [...candidates];
  const guess = suggestClosest(word, list);
  if (guess) return `did you mean '${guess}'?`;
  if (list.length === 0) return `there are no ${what} yet`;
  const shown = list.length > 15 ? `${list.slice(0, 15).join(', ')}, …` : list.join(', ');
  return `${what} are: ${shown}`;
}
