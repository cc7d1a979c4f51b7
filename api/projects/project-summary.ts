/** The SOP definition a project is pinned to. */
export interface PinnedSop {
  readonly id: string;
  readonly version: string;
  readonly hash: string;
}

/** What `POST /projects` answers: enough to find, drive and audit the project. */
export interface ProjectSummary {
  readonly id: string;
  readonly sop: PinnedSop;
  readonly status: string;
  readonly links: { readonly self: string; readonly actions: string; readonly history: string };
}

/**
 * The kickoff response body for a project.
 *
 * @example
 * summarizeProject('project-3f…', { id: 'new-product-launch', version: '1.0.0', hash }, 'active').links.actions;
 * // '/projects/project-3f…/actions'
 */
export function summarizeProject(id: string, sop: PinnedSop, status: string): ProjectSummary {
  const self = `/projects/${encodeURIComponent(id)}`;
  return { id, sop, status, links: { self, actions: `${self}/actions`, history: `${self}/history` } };
}
