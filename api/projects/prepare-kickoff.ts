import type { OrgDirectory } from '../../engine/model/org';
import type { OrgSnapshot } from '../../engine/runtime/context';
import { checkFormData } from '../../engine/runtime/form-data';
import {
  ParticipantResolutionError,
  readPath,
  resolveParticipants,
  snapshotOrg,
} from '../../engine/runtime/participants';
import type { ProjectArgs } from '../../workflows/messages';
import type { CatalogueEntry, SopCatalogue } from '../catalogue';
import { ApiError } from '../errors';
import type { KickoffRequest } from './kickoff-request';

/** A kickoff that passed every check: the pinned SOP and the workflow's input. */
export interface PreparedKickoff {
  readonly entry: CatalogueEntry;
  readonly args: ProjectArgs;
}

function findSop(catalogue: SopCatalogue, request: KickoffRequest): CatalogueEntry {
  const entry = catalogue.get(request.sop, request.version);
  if (entry) return entry;
  const versions = catalogue.versions(request.sop);
  if (versions.length > 0) {
    throw new ApiError(
      'UNKNOWN_SOP',
      `SOP '${request.sop}' has no version ${request.version}; published versions: ${versions.join(', ')} (leave 'version' out for the latest)`,
    );
  }
  const known = [...new Set(catalogue.list().map((e) => e.id))];
  throw new ApiError(
    'UNKNOWN_SOP',
    `there is no SOP '${request.sop}'; known SOPs: ${known.join(', ') || 'none (check the SOP folder)'}`,
  );
}

function unresolved(participant: string, reason: string): ApiError {
  return new ApiError(
    'PARTICIPANT_UNRESOLVED',
    `participant '${participant}' cannot be resolved: ${reason}`,
    {
      participant,
      reason,
    },
  );
}

/**
 * User ids taken from the input must name people in the org directory. Checked before resolving,
 * so the answer names the participant that was given (`pm`), not one derived from it (`pmManager`).
 */
function checkInputPeople(entry: CatalogueEntry, org: OrgSnapshot, input: Readonly<Record<string, unknown>>) {
  for (const [name, spec] of Object.entries(entry.compiled.document.participants ?? {})) {
    if (!('fromInput' in spec)) continue;
    const value = readPath(input, spec.fromInput);
    const users = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    const stranger = users.find((user) => !org.users[user]);
    if (stranger !== undefined) {
      throw unresolved(
        name,
        `user '${stranger}' (input '${spec.fromInput}') is not in the org directory; use a user id from org.yaml`,
      );
    }
  }
}

/** Resolves participants now, so a project never starts with nobody (or a stranger) assigned. */
function resolvePeople(entry: CatalogueEntry, org: OrgSnapshot, input: Readonly<Record<string, unknown>>) {
  checkInputPeople(entry, org, input);
  let people: Record<string, string[]>;
  try {
    people = resolveParticipants(entry.compiled.document, org, input);
  } catch (error) {
    if (error instanceof ParticipantResolutionError) throw unresolved(error.participant, error.reason);
    throw error;
  }
  for (const [name, users] of Object.entries(people)) {
    const stranger = users.find((user) => !org.users[user]);
    if (stranger !== undefined) {
      throw unresolved(name, `user '${stranger}' is not in the org directory; use a user id from org.yaml`);
    }
  }
  return people;
}

/**
 * Checks a kickoff against the catalogue and the org directory and builds the workflow input:
 * unknown SOP → 404, input that does not fit the SOP's input schema → 422 listing every problem,
 * a participant that cannot be resolved → 422 with the reason.
 *
 * @example
 * const { entry, args } = prepareKickoff(catalogue, org, { sop: 'new-product-launch', input });
 * args.compiled.hash === entry.hash; // true: the project is pinned to this definition
 */
export function prepareKickoff(
  catalogue: SopCatalogue,
  org: OrgDirectory,
  request: KickoffRequest,
): PreparedKickoff {
  const entry = findSop(catalogue, request);
  const schema = entry.compiled.document.input?.schema;
  const problems = schema ? checkFormData(schema, request.input) : [];
  if (problems.length > 0) {
    throw new ApiError(
      'INVALID_INPUT',
      `the input does not fit SOP '${entry.id}' ${entry.version}: ${problems.join('; ')}`,
      { problems },
    );
  }
  const snapshot = snapshotOrg(org);
  const people = resolvePeople(entry, snapshot, request.input);
  return {
    entry,
    args: { compiled: entry.compiled, start: { input: request.input, org: snapshot, people } },
  };
}
