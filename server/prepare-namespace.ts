import type { Connection } from '@temporalio/client';
// Protobuf durations carry Long seconds; these SDK helpers convert without a direct `long` dependency.
import { msNumberToTs, tsToMs } from '@temporalio/common/lib/time';
import { SOP_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { delay } from './process-tools';
import { registerSearchAttributes } from './register-search-attributes';

const SETUP_ATTEMPTS = 5;

/**
 * Sets how long closed workflows (finished projects) stay in the namespace. Temporal deletes a
 * closed project's history after this; audits that need longer rely on history archival.
 */
export async function setNamespaceRetention(
  connection: Connection,
  namespace: string,
  seconds: number,
): Promise<void> {
  const described = await connection.workflowService.describeNamespace({ namespace });
  if (tsToMs(described.config?.workflowExecutionRetentionTtl) === seconds * 1000) return;
  await connection.workflowService.updateNamespace({
    namespace,
    config: { workflowExecutionRetentionTtl: msNumberToTs(seconds * 1000) },
  });
}

/**
 * The embedded namespace, made ready for projects: search attributes registered (restarts and new
 * attributes included; the CLI's own flag only applies when it creates the namespace) and the
 * retention set.
 */
export async function prepareEmbeddedNamespace(
  connection: Connection,
  namespace: string,
  retentionSeconds: number,
): Promise<void> {
  // Right after boot the server's namespace cache may lag its database for a moment (a namespace
  // it has just created is "not found" by some calls), so a failure is retried briefly.
  for (let attempt = 1; ; attempt++) {
    try {
      await registerSearchAttributes(connection, namespace);
      await setNamespaceRetention(connection, namespace, retentionSeconds);
      return;
    } catch (error) {
      if (attempt >= SETUP_ATTEMPTS) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`[NAMESPACE_SETUP] Cannot prepare namespace '${namespace}': ${reason}`, {
          cause: error,
        });
      }
      await delay(1_000);
    }
  }
}

/**
 * On a cluster the search attributes are an operator's business (Temporal Cloud does not even
 * allow adding them over this API), so a failure here is a warning that says what to run, not a
 * crash: projects wait with failing workflow tasks until the attributes exist.
 */
export async function prepareClusterNamespace(connection: Connection, namespace: string): Promise<void> {
  try {
    await registerSearchAttributes(connection, namespace);
  } catch (error) {
    const commands = SOP_SEARCH_ATTRIBUTES.map(
      (key) =>
        `  temporal operator search-attribute create --namespace ${namespace} --name ${key.name} --type ${toCliType(key.type)}`,
    );
    console.warn(
      `[SEARCH_ATTRIBUTES] Could not register the project search attributes on namespace '${namespace}' ` +
        `(${error instanceof Error ? error.message : String(error)}). ` +
        `Projects cannot run until they exist; an operator can add them with:\n${commands.join('\n')}`,
    );
  }
}

/** `KEYWORD_LIST` → `KeywordList`, the spelling of the CLI's `--type`. */
function toCliType(type: string): string {
  return type
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
