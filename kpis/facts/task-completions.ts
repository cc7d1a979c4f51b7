import type { CompletionFact, ProjectScope } from './fact';

/**
 * One fact per task the view shows `done` with a completion time: on time when completed at or
 * before its due instant (`completedAt <= dueAt`, to the millisecond, so a task finished exactly
 * at its deadline is on time). The due instant is the final one, after any pause while blocked
 * moved it. Cancelled tasks and tasks still open are not completions; an overdue open task
 * counts (as late) once it is done. Dated by `completedAt`; department = the task's lead
 * department.
 *
 * @example
 * taskCompletions(scope); // [{ kind: 'completion', at: …, department: 'rnd', onTime: false, … }]
 */
export function taskCompletions(scope: ProjectScope): CompletionFact[] {
  return scope.record.view.tasks.flatMap((task): CompletionFact[] => {
    if (task.status !== 'done' || task.completedAt === undefined) return [];
    const completedAt = Date.parse(task.completedAt);
    return [
      {
        kind: 'completion',
        at: completedAt,
        sop: scope.sop,
        department: task.leadDepartment,
        onTime: completedAt <= Date.parse(task.dueAt),
      },
    ];
  });
}
