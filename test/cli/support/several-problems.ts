import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * An SOP with three problems in different places: a YAML syntax error (line 24, column 12: a
 * form title with ': ' left unquoted), a bad duration (38:15) and an unknown transition target
 * (52:16). The syntax error sits outside `steps`, so the validator has no reason to treat the
 * unknown target as an echo of it.
 * Kept as text rather than a .yaml file because Prettier refuses to format broken YAML.
 */
export const SEVERAL_PROBLEMS_YAML = `# A broken SOP for the CLI tests: one YAML syntax error, one bad duration and one unknown
# transition target, in different places. \`sop validate\` must report all three with their positions.
apiVersion: sop/v1
id: several-problems
version: 1.0.0
title: 多处错误
owner: marketing
timeZone: Asia/Shanghai
calendar: cn-mainland

participants:
  pm:
    fromInput: projectManager

input:
  schema:
    type: object
    required: [projectManager]
    properties:
      projectManager: { type: string }

forms:
  brief:
    title: 简报: 目标
    schema:
      type: object
      properties:
        goal: { type: string }

initial: draft

steps:
  draft:
    kind: form
    title: 起草
    assignee: pm
    form: brief
    deadline: 3 bizness days
    escalation:
      - after: 0h
        notify: [pm]
    next: review

  review:
    kind: approval
    title: 评审
    assignee: pm
    deadline: 24h
    escalation:
      - after: 0h
        notify: [pm]
    onApprove: publish
    onReject: draft

  done:
    kind: final
    title: 完成
`;

/** Writes {@link SEVERAL_PROBLEMS_YAML} as `several-problems.yaml` in `dir`; returns its path. */
export function writeSeveralProblems(dir: string): string {
  const path = join(dir, 'several-problems.yaml');
  writeFileSync(path, SEVERAL_PROBLEMS_YAML);
  return path;
}
