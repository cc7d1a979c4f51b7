import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * An SOP with three problems in different steps: a bad duration (line 38, column 15), an unknown
 * transition target (52:16) and a YAML syntax error (57:12, a value with ': ' left unquoted).
 * Kept as text rather than a .yaml file because Prettier refuses to format broken YAML.
 */
export const SEVERAL_PROBLEMS_YAML = `# A broken SOP for the CLI tests: one YAML syntax error, one unknown transition target and one
# bad duration, in different steps. \`sop validate\` must report all three with their positions.
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
    title: 简报
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
    title: 完成: 已发布
`;

/** Writes {@link SEVERAL_PROBLEMS_YAML} as `several-problems.yaml` in `dir`; returns its path. */
export function writeSeveralProblems(dir: string): string {
  const path = join(dir, 'several-problems.yaml');
  writeFileSync(path, SEVERAL_PROBLEMS_YAML);
  return path;
}
