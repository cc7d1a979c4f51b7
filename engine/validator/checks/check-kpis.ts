import { parseDuration } from '../../time';
import { suggest, type SopCheck } from '../check-context';
import { asMap, listItems } from '../sop-index';

/** Subjects every SOP has besides its step ids. */
const GENERAL_SUBJECTS = ['tasks', 'steps'];

/**
 * KPIs measure something that exists: `subject` is `tasks`, `steps` or a step id; a
 * `response-time` target is a duration (`24h`), an `on-time` target a percentage (`85%`).
 *
 * @example
 * ```ts
 * checkKpis(indexSop(doc), report, {}); // UNKNOWN_KPI_SUBJECT for `subject: requirment`
 * ```
 */
export const checkKpis: SopCheck = (index, report) => {
  const subjects = [...GENERAL_SUBJECTS, ...index.stepsById.keys()];
  for (const [item, i] of listItems(index.doc.kpis)) {
    const kpi = asMap(item);
    if (!kpi) continue;
    const name = typeof kpi.id === 'string' ? `KPI '${kpi.id}'` : `KPI ${i + 1}`;
    if (typeof kpi.subject === 'string' && !subjects.includes(kpi.subject)) {
      report({
        code: 'UNKNOWN_KPI_SUBJECT',
        path: ['kpis', i, 'subject'],
        message: `${name} measures '${kpi.subject}', which is neither 'tasks', 'steps' nor a step id`,
        hint: suggest(kpi.subject, subjects, 'the possible subjects'),
      });
    }
    if (typeof kpi.target !== 'string') continue;
    if (kpi.kind === 'response-time' && !parseDuration(kpi.target).ok) {
      report({
        code: 'INVALID_KPI_TARGET',
        path: ['kpis', i, 'target'],
        message: `${name} is a response time, so its target must be a duration, not '${kpi.target}'`,
        hint: 'e.g. target: 24h, or target: 2 business days',
      });
    }
    if (kpi.kind === 'on-time' && !/^(100|[1-9]?\d)(\.\d+)?%$/.test(kpi.target.trim())) {
      report({
        code: 'INVALID_KPI_TARGET',
        path: ['kpis', i, 'target'],
        message: `${name} is an on-time rate, so its target must be a percentage, not '${kpi.target}'`,
        hint: "e.g. target: '85%' (in quotes)",
      });
    }
  }
};
