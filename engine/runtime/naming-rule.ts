import type { SopContext } from './context';

/** The fields a task name is built from. */
export interface NamingParts {
  readonly module?: string;
  readonly owner: string;
  readonly due?: string;
}

/**
 * The names a task may have under the SOP's naming rule (项目名-模块-负责人-截止日): the owner may
 * be written as a user id or as the person's name.
 *
 * @example
 * expectedTaskNames('{project}-{module}-{owner}-{due}', 'Aurora', { module: 'rnd', owner: 'li.na', due: '2026-12-10' }, ctx)
 * // ['Aurora-rnd-li.na-2026-12-10', 'Aurora-rnd-李娜-2026-12-10']
 */
export function expectedTaskNames(
  pattern: string,
  project: string,
  parts: NamingParts,
  context: Pick<SopContext, 'org'>,
): string[] {
  const ownerNames = [parts.owner];
  const displayName = context.org.users[parts.owner]?.name;
  if (displayName && displayName !== parts.owner) ownerNames.push(displayName);
  return ownerNames.map((owner) =>
    pattern.replace(/\{(project|module|owner|due)\}/g, (_, key: string) => {
      if (key === 'project') return project;
      if (key === 'module') return parts.module ?? '';
      if (key === 'owner') return owner;
      return parts.due ?? '';
    }),
  );
}
