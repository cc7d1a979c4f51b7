/**
 * What the load benchmark sends: kickoffs of the shipped new-product-launch SOP, and on projects
 * already in its `progress` (tasks) step, a task owner moving their task between `in_progress`
 * and `blocked`. Both statuses are always accepted while the task is open, and neither finishes
 * the task, so a project takes such updates for as long as the benchmark runs. The launch SOP
 * does not pause task clocks while blocked, so an update arms no timer and sends no notification:
 * one accepted update, as small as a real action gets.
 */

export const SOP = 'new-product-launch';

/** The integration account that relays every action (`actor.user` names the person). */
export const BRIDGE_USER = 'oa-bridge';

/** People of sop-definitions/org.yaml, as in test/api/launch-run.api.test.ts. */
export const LAUNCH_INPUT = {
  projectName: 'Aurora',
  initiator: 'he.yun',
  projectManager: 'zhang.min',
  members: ['sun.peng', 'gao.fei', 'lin.tao', 'zhu.hong'],
};

export const KICKOFF_BODY = { sop: SOP, input: LAUNCH_INPUT };

const REQUIREMENTS = {
  goals: '上市 Aurora 智能手环',
  scope: '国内线上渠道',
  milestones: [{ name: '发布会', date: '2027-01-15' }],
  resources: '研发 3 人，市场 2 人',
};

/** A date far enough ahead that no task deadline, reminder or escalation fires during a run. */
function dueInDays(days: number, now = Date.now()): string {
  return new Date(now + days * 86_400_000).toISOString().slice(0, 10);
}

/** The actions that take a fresh project to its `progress` step, in order, each with its actor. */
export function actionsToProgress(now = Date.now()): Record<string, unknown>[] {
  const due = dueInDays(60, now);
  const task = (module: string, owner: string, leadDepartment: string, collaborating: string) => ({
    name: `${LAUNCH_INPUT.projectName}-${module}-${owner}-${due}`,
    module,
    owner,
    leadDepartment,
    collaboratingDepartments: [collaborating],
    due,
  });
  return [
    { type: 'submit', actor: { user: LAUNCH_INPUT.initiator }, data: REQUIREMENTS },
    {
      type: 'submit',
      actor: { user: LAUNCH_INPUT.projectManager },
      data: {
        tasks: [task('研发', 'sun.peng', 'rnd', 'marketing'), task('渠道', 'lin.tao', 'sales', 'service')],
      },
    },
  ];
}

/** The task every load action updates, and its owner (who sends the update). */
export const LOAD_TASK = { id: 't1', owner: 'sun.peng' } as const;

const STATUSES = ['in_progress', 'blocked'] as const;

/**
 * The body of the `n`th load action on one project (`POST /projects/:id/actions`): the task's
 * owner toggles it between in progress and blocked.
 *
 * @example
 * toggleAction(0); // { type: 'task.update', actor: { user: 'sun.peng' }, task: 't1', status: 'in_progress' }
 */
export function toggleAction(n: number): Record<string, unknown> {
  return {
    type: 'task.update',
    actor: { user: LOAD_TASK.owner },
    task: LOAD_TASK.id,
    status: STATUSES[n % STATUSES.length],
  };
}
