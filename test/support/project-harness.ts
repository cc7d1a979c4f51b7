import { randomUUID } from 'node:crypto';
import type { WorkflowClient } from '@temporalio/client';
import { compileSop } from '../../engine/compiler';
import type { CompiledSop } from '../../engine/model/compiled';
import type { Effect } from '../../engine/runtime/effects';
import { resolveParticipants, snapshotOrg } from '../../engine/runtime/participants';
import type { EffectSink } from '../../workflows/activities/deliver-effect';
import { DEFAULT_TASK_QUEUE, PROJECT_WORKFLOW, type ProjectArgs } from '../../workflows/messages';
import { shippedCalendars, shippedDocument, shippedOrg } from './sop-fixtures';

/** An effect sink that keeps what it receives, for assertions (a real activity delivers to it). */
export class RecordingSink implements EffectSink {
  readonly received: { projectId: string; key: string; effect: Effect }[] = [];
  deliver(projectId: string, key: string, effect: Effect): Promise<void> {
    this.received.push({ projectId, key, effect });
    return Promise.resolve();
  }
  forProject(projectId: string): Effect[] {
    return this.received.filter((r) => r.projectId === projectId).map((r) => r.effect);
  }
}

export const LAUNCH_INPUT = {
  projectName: 'Aurora',
  initiator: 'he.yun',
  projectManager: 'zhang.min',
  members: ['sun.peng', 'gao.fei', 'lin.tao', 'zhu.hong'],
};

/** The kickoff input of a change-request-approval project: zhou.jie (R&D) asks. */
export const CHANGE_REQUEST_INPUT = { requester: 'zhou.jie', department: 'rnd' };

/**
 * A high-impact change request (see examples/change-request.ts): the R&D head decides first, then
 * the IT and service heads countersign, then the CTO.
 */
export const CHANGE_REQUEST_FORM = {
  title: '切换 CI 到新集群',
  reason: '现有集群容量不足',
  impact: 'high',
  cost: 50000,
  affectedDepartments: ['it', 'service'],
  affectedHeads: ['cao.yong', 'yang.xue'],
  desiredDate: '2027-03-01',
};

/** The arguments of a shipped SOP's project, resolved the way the API does at kickoff. */
export function projectArgs(sop: string, input: Record<string, unknown>, startedAt?: number): ProjectArgs {
  const document = shippedDocument(sop);
  const compiled: CompiledSop = compileSop(document, { calendars: shippedCalendars() });
  const org = snapshotOrg(shippedOrg());
  const people = resolveParticipants(document, org, input);
  return { compiled, start: { input, org, people, ...(startedAt !== undefined ? { startedAt } : {}) } };
}

export async function startProject(
  client: WorkflowClient,
  args: ProjectArgs,
  taskQueue = DEFAULT_TASK_QUEUE,
) {
  return client.start(PROJECT_WORKFLOW, { args: [args], taskQueue, workflowId: `test-${randomUUID()}` });
}

export const REQUIREMENTS = {
  goals: '上市 Aurora 智能手环',
  scope: '国内线上渠道',
  milestones: [{ name: '发布会', date: '2027-01-15' }],
  resources: '研发 3 人，市场 2 人',
};

/** A task plan whose names follow the launch SOP's naming rule. */
export function taskPlan(due: string) {
  return {
    tasks: [
      {
        name: `Aurora-研发-sun.peng-${due}`,
        module: '研发',
        owner: 'sun.peng',
        leadDepartment: 'rnd',
        collaboratingDepartments: ['marketing'],
        due,
      },
      {
        name: `Aurora-渠道-lin.tao-${due}`,
        module: '渠道',
        owner: 'lin.tao',
        leadDepartment: 'sales',
        collaboratingDepartments: ['service'],
        due,
      },
    ],
  };
}
