/**
 * `npm run example:launch`: drives one new-product-launch project (新产品上市) from kickoff to close
 * through the HTTP API only, the way a front end or another system would, and says what happens
 * at each step. Needs a running engine (`npm start`); `API_URL` points elsewhere (default
 * http://127.0.0.1:3000). Exits 0 when the project closes; 1, with the reason, on any answer
 * the walkthrough did not expect.
 */
import { randomUUID } from 'node:crypto';
import {
  act,
  API_URL,
  call,
  detail,
  expectOk,
  printHistory,
  readProject as readView,
  runWalkthrough,
  say,
  text,
  UnexpectedAnswer,
} from './support/walkthrough';

const SOP = 'new-product-launch';

/** The heads of the departments in the org directory (sop-definitions/org.yaml). */
const DEPARTMENT_HEADS: Record<string, string> = {
  marketing: 'li.na',
  rnd: 'zhao.lei',
  sales: 'ma.jun',
  service: 'yang.xue',
};

interface TaskView {
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  readonly status: string;
}

interface ProjectView {
  readonly status: string;
  readonly activeSteps: readonly { id: string; title: string; assignees: readonly string[] }[];
  readonly tasks: readonly TaskView[];
  readonly outcome?: string;
}

const readProject = (id: string) => readView<ProjectView>(id);

function describeStep(view: ProjectView): string {
  return view.activeSteps
    .map((s) => `'${s.id}' (${s.title}) for ${s.assignees.join(', ') || 'nobody'}`)
    .join('; ');
}

/** A date `days` ahead (YYYY-MM-DD), so the plan is never overdue whenever this runs. */
function dueDate(days = 60): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

function taskPlan(due: string) {
  const task = (module: string, owner: string, lead: string, collaborating: string[]) => ({
    name: `Aurora-${module}-${owner}-${due}`,
    module,
    owner,
    leadDepartment: lead,
    collaboratingDepartments: collaborating,
    due,
  });
  return {
    tasks: [
      task('研发', 'sun.peng', 'rnd', ['marketing']),
      task('市场', 'gao.fei', 'marketing', ['sales']),
      task('渠道', 'lin.tao', 'sales', ['service']),
      task('客服', 'zhu.hong', 'service', ['rnd']),
    ],
  };
}

/** A history entry field as text (entries are plain JSON: strings, numbers, arrays). */
function describeAction(entry: Record<string, unknown>): string {
  const task = entry.task ? ` ${text(entry.task)}` : '';
  const status = entry.status ? ` → ${text(entry.status)}` : '';
  return `${text(entry.type)}${task}${status}`;
}

async function walkthrough(): Promise<void> {
  console.log(`New product launch walkthrough against ${API_URL}`);
  const health = await call('GET', '/healthz');
  if (health.status !== 200) {
    throw new UnexpectedAnswer(
      `the engine is not healthy (${health.status}): ${JSON.stringify(health.body.checks)}`,
    );
  }

  const input = {
    projectName: 'Aurora',
    initiator: 'he.yun',
    projectManager: 'zhang.min',
    members: ['sun.peng', 'gao.fei', 'lin.tao', 'zhu.hong'],
  };
  say(`Kick off a '${SOP}' project for ${input.projectName}.`);
  detail(
    `initiator ${input.initiator}, project manager ${input.projectManager}, members ${input.members.join(', ')}`,
  );
  const created = await expectOk(
    'POST',
    '/projects',
    { sop: SOP, input },
    { 'Idempotency-Key': `example-${randomUUID()}` },
  );
  const id = String(created.id);
  console.log(`   Project id: ${id}`);
  detail(`now waiting on ${describeStep(await readProject(id))}`);

  say('Try something out of order: sun.peng marks a task done before any task exists.');
  const refused = await call('POST', `/projects/${encodeURIComponent(id)}/actions`, {
    type: 'task.update',
    actor: { user: 'sun.peng' },
    task: 't1',
    status: 'done',
  });
  if (refused.status < 400 || refused.status > 499) {
    throw new UnexpectedAnswer(`the out-of-order action was answered ${refused.status}, not refused`);
  }
  detail(
    `refused as expected (${refused.status} ${String(refused.body.code)}): ${String(refused.body.detail)}`,
  );

  say('he.yun (marketing) submits the requirements form.');
  const requirements = {
    goals: 'Launch the Aurora smart band in Q1',
    scope: 'Mainland China, online channels first',
    milestones: [
      { name: 'Feature freeze', date: dueDate(30) },
      { name: 'Launch event', date: dueDate(75) },
    ],
    resources: 'R&D 3 people, marketing 2, sales 1, customer service 1',
  };
  const afterRequirements = await act(id, { type: 'submit', actor: { user: 'he.yun' }, data: requirements });
  detail(`accepted; the project moves to ${JSON.stringify(afterRequirements.steps)}`);

  const plan = taskPlan(dueDate());
  say(`zhang.min (project manager) submits the task plan: ${plan.tasks.length} tasks.`);
  for (const t of plan.tasks)
    detail(`${t.name}: lead ${t.leadDepartment}, with ${t.collaboratingDepartments.join(', ')}`);
  await act(id, { type: 'submit', actor: { user: 'zhang.min' }, data: plan });
  const withTasks = await readProject(id);
  detail(`accepted; now in ${describeStep(withTasks)}`);

  say('Each task owner marks their task done.');
  for (const task of withTasks.tasks) {
    const result = await act(id, {
      type: 'task.update',
      actor: { user: task.owner },
      task: task.id,
      status: 'done',
    });
    detail(`${task.owner} finished ${task.id} ${task.name}; active steps: ${JSON.stringify(result.steps)}`);
  }

  const departments = new Set([
    'marketing',
    ...plan.tasks.flatMap((t) => [t.leadDepartment, ...t.collaboratingDepartments]),
  ]);
  say(
    `Each participating department's head files the retrospective (${[...departments].sort().join(', ')}).`,
  );
  for (const department of [...departments].sort()) {
    const head = DEPARTMENT_HEADS[department];
    if (!head) throw new UnexpectedAnswer(`no head known for department '${department}'`);
    const data = {
      problems: `${department}: hand-offs were late once`,
      improvements: `${department}: agree dates in the plan`,
    };
    const result = await act(id, { type: 'submit', actor: { user: head }, data });
    detail(`${head} (${department}) filed; project ${String(result.status)}`);
  }

  const final = await readProject(id);
  say(`Final state: ${final.status}${final.outcome ? ` (outcome ${final.outcome})` : ''}.`);
  if (final.status !== 'completed') {
    throw new UnexpectedAnswer(
      `the project should be completed, but it is ${final.status}: ${describeStep(final)}`,
    );
  }
  detail(`tasks: ${final.tasks.map((t) => `${t.id} ${t.status}`).join(', ')}`);

  await printHistory(id, describeAction);
  console.log(`\nDone: project ${id} went from kickoff to close.`);
}

runWalkthrough(walkthrough);
