import { stringify } from 'yaml';
import type { OrgDirectory } from '../../../engine/model/org';
import type { Problem } from '../../../engine/model/problem';
import { checkSopText, type CheckSopOptions } from '../../../engine/validator';

/** A JSON-like SOP document that tests edit freely, the way an author edits YAML. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- drafts are deliberately untyped, mistakes included
export type SopDraft = Record<string, any>;

/**
 * A small valid SOP: one form step with deadline and escalation, then the end. Each call
 * returns a fresh copy, so tests can change it in place.
 */
export function buildSop(): SopDraft {
  return {
    apiVersion: 'sop/v1',
    id: 'unit',
    version: '1.0.0',
    title: 'Unit',
    owner: 'marketing',
    timeZone: 'Asia/Shanghai',
    participants: { pm: { fromInput: 'projectManager' } },
    input: {
      schema: {
        type: 'object',
        properties: { projectManager: { type: 'string' }, launchDate: { type: 'string', format: 'date' } },
      },
    },
    forms: {
      request: { title: 'Request', schema: { type: 'object', properties: { cost: { type: 'number' } } } },
    },
    initial: 'request',
    steps: {
      request: {
        kind: 'form',
        assignee: 'pm',
        form: 'request',
        deadline: '24h',
        escalation: [{ after: '0h', notify: ['pm'] }],
        next: 'done',
      },
      done: { kind: 'final' },
    },
  };
}

/** A step that only notifies and moves on (no deadline needed), for building graphs. */
export function notifyStep(next: string): SopDraft {
  return { kind: 'notify', notify: ['pm'], message: 'hello', next };
}

export const UNIT_ORG: OrgDirectory = {
  departments: [
    { id: 'marketing', name: '市场部', head: 'li.na' },
    { id: 'rnd', name: '研发部', head: 'zhao.lei' },
  ],
  users: [
    { id: 'li.na', name: '李娜', department: 'marketing' },
    { id: 'zhao.lei', name: '赵磊', department: 'rnd', manager: 'li.na' },
  ],
  roles: { 'ops-admin': 'Maintains the SOP catalogue' },
};

/** Validates a draft (written out as YAML, as an author would) and returns its problems. */
export function problemsOf(draft: SopDraft, options: CheckSopOptions = {}): Problem[] {
  return checkSopText(stringify(draft), 'unit.yaml', options).problems;
}

/** `CODE path` of each problem, the usual thing to assert. */
export function summarize(problems: readonly Problem[]): string[] {
  return problems.map((p) => `${p.code} ${p.path}`);
}
