import { DateTime } from 'luxon';
import type { SimulationResult, TimelineEntry } from './simulate';

function when(at: number, timeZone: string): string {
  return DateTime.fromMillis(at, { zone: timeZone }).toFormat('yyyy-LL-dd HH:mm (ccc)');
}

function describe(entry: TimelineEntry): string {
  switch (entry.kind) {
    case 'start':
      return `start      project starts in ${entry.steps.join(', ')}`;
    case 'event':
      return `event      ${entry.event}${entry.task ? ` ${entry.task}` : ''}${entry.actor ? ` by ${entry.actor}` : ''}`;
    case 'rejected':
      return `rejected   ${entry.event}${entry.actor ? ` by ${entry.actor}` : ''} (script line ${entry.line}): ${entry.reason}${entry.expected ? ' [expected]' : ''}`;
    case 'timer':
      return `timer      ${entry.timer}`;
    case 'steps':
      return `step       ${entry.from.join(', ') || '-'} → ${entry.to.join(', ') || '-'}`;
    case 'end':
      return `end        ${entry.status}${entry.steps.length ? ` in ${entry.steps.join(', ')}` : ''}`;
    case 'effect': {
      const effect = entry.effect;
      const task = effect.task ? ` ${effect.task}` : '';
      if (effect.kind === 'record')
        return `${effect.what.padEnd(10)} ${effect.step}${task}: ${effect.detail}`;
      const rung = effect.rung !== undefined ? ` rung ${effect.rung + 1}` : '';
      const text = effect.message.split('\n').join(' / ');
      return `notify     ${effect.reason}${rung} ${effect.step}${task} → ${effect.to.join(', ') || '(nobody)'}: ${text}`;
    }
  }
}

/** The timeline as text, one line per entry, times in the SOP's zone. */
export function formatTimeline(result: SimulationResult, timeZone: string): string {
  return result.timeline.map((entry) => `${when(entry.at, timeZone)}  ${describe(entry)}`).join('\n');
}
