import { buildAuditTrail } from '../../audit/build-trail';
import { describeDenial } from '../../audit/describe-denial';
import { extendChain } from '../../audit/hash-chain';
import type { AuditEntry } from '../../audit/audit-entry';
import type { ArchivedTrail } from '../../audit/store';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import { readProjectHistory } from '../history/read-history';

/** A project's audit trail and where it came from. */
export interface ProjectTrail {
  readonly id: string;
  /** `temporal`: rebuilt from the live history; `archive`: Temporal no longer has it. */
  readonly source: 'temporal' | 'archive';
  readonly entries: readonly AuditEntry[];
  /** The archived copy, when the project has been archived. */
  readonly archived?: ArchivedTrail;
}

/**
 * The audit trail of a project: rebuilt from Temporal's history (merged with the access
 * denials the API recorded) while Temporal has it, else read from the archive. UNKNOWN_PROJECT
 * when neither knows the id.
 *
 * @example
 * const { entries, source } = await readTrail(deps, 'project-3f…');
 */
export async function readTrail(deps: ApiDeps, id: string): Promise<ProjectTrail> {
  const archived = await deps.audit.readArchivedTrail(id);
  try {
    const history = await readProjectHistory(deps, id);
    const entries = buildAuditTrail(id, [...history.events], await deps.audit.listDenials(id));
    return { id, source: 'temporal', entries, ...(archived ? { archived } : {}) };
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'UNKNOWN_PROJECT') || !archived) throw error;
    // Refusals recorded after the archive was written follow it, chained onto its last entry.
    const later = (await deps.audit.listDenials(id)).filter((d) => d.at > archived.closedAt);
    const archivedAt = new Set(archived.trail.filter((e) => e.action === 'access.denied').map((e) => e.at));
    const added = later.filter((d) => !archivedAt.has(d.at)).map(describeDenial);
    return { id, source: 'archive', entries: extendChain(archived.trail, added), archived };
  }
}
