import express, { Router, type Request } from 'express';
import {
  exportTrail,
  parseTrail,
  TRAIL_MEDIA_TYPES,
  TrailFormatError,
  type TrailFormat,
} from '../../audit/export';
import { verifyTrail } from '../../audit/hash-chain';
import type { AuditEntry } from '../../audit/audit-entry';
import { compareTrails } from '../audit/compare-trails';
import { readTrail, type ProjectTrail } from '../audit/read-trail';
import type { ProjectFacts } from '../authz/project-facts';
import { requireAccess } from '../authz/require-access';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import type { ApiContract } from '../openapi/contract';
import { pathParam, queryParam, route, type RouteOptions } from '../openapi/route';
import { loadProject } from '../projects/load-project';
import type { Response } from 'express';

/** Exported trails are files: allow more than a form's worth of bytes. */
const EXPORT_LIMIT = '20mb';

// JSON first: it is the default, so `Accept: */*` (curl, fetch) gets JSON.
const ACCEPTED: readonly [string, TrailFormat][] = [
  ['application/json', 'json'],
  ['application/x-ndjson', 'jsonl'],
  ['text/csv', 'csv'],
];

/** The format of a posted export, from its media type; plain text is recognised by its content. */
const POSTED: Readonly<Record<string, TrailFormat | undefined>> = {
  'application/json': 'json',
  'application/x-ndjson': 'jsonl',
  'text/csv': 'csv',
  'text/plain': undefined,
};

/** `?format=` wins; else the Accept header; else JSON. */
function formatOf(req: Request): TrailFormat {
  const asked = queryParam(req, 'format') as TrailFormat | undefined;
  if (asked) return asked;
  const accept = req.get('Accept');
  if (!accept) return 'json';
  const chosen = req.accepts(ACCEPTED.map(([type]) => type));
  if (!chosen) {
    throw new ApiError(
      'NOT_ACCEPTABLE',
      `the trail comes as application/json, application/x-ndjson or text/csv (or ?format=json|jsonl|csv), not ${accept}`,
    );
  }
  return ACCEPTED.find(([type]) => type === chosen)![1];
}

/**
 * Access to a project's trail: the live project's facts when Temporal has it; for an archived
 * project no longer in Temporal only auditors, ops admins and integrations qualify.
 */
async function checkAccess(deps: ApiDeps, req: Request, res: Response, id: string): Promise<void> {
  let facts: ProjectFacts;
  try {
    facts = (await loadProject(deps, id)).facts;
  } catch (error) {
    if (
      !(error instanceof ApiError && error.code === 'UNKNOWN_PROJECT') ||
      !(await deps.audit.isArchived(id))
    )
      throw error;
    facts = { id, members: [], participants: {}, departments: [], approvers: {}, ended: true };
  }
  await requireAccess(deps, req, res, { kind: 'audit.read', project: facts });
}

function lastHashOf(entries: readonly AuditEntry[]): string | undefined {
  return entries[entries.length - 1]?.hash;
}

/** The archive must verify on its own and agree with Temporal's history while that exists. */
function verifyStored(trail: ProjectTrail) {
  const live = verifyTrail(trail.entries);
  if (!live.ok || !trail.archived) return { ...live, comparedWithArchive: false };
  const archived = verifyTrail(trail.archived.trail, {
    lastHash: trail.archived.lastHash,
    entries: trail.archived.entries,
  });
  if (!archived.ok)
    return { ...archived, detail: `the archive: ${archived.detail}`, comparedWithArchive: true };
  if (trail.source === 'temporal') {
    const mismatch = compareTrails(trail.archived.trail, trail.entries, {
      copy: 'the archive',
      reference: "Temporal's history",
    });
    if (mismatch)
      return { ok: false, entries: trail.archived.trail.length, ...mismatch, comparedWithArchive: true };
  }
  return { ...live, comparedWithArchive: true };
}

/**
 * The audit trail: `GET /projects/:id/audit` (JSON, JSONL or CSV), `GET …/audit/verify` (the
 * server's own copies: Temporal's history and the archive) and `POST …/audit/verify` (an
 * exported file, as downloaded).
 *
 * @example
 * app.use(auditRoutes(deps, contract));
 */
export function auditRoutes(deps: ApiDeps, contract: ApiContract, options: RouteOptions = {}): Router {
  const router = Router();
  route(
    router,
    contract,
    'getAuditTrail',
    async (req, res) => {
      const id = pathParam(req, 'id');
      const format = formatOf(req);
      await checkAccess(deps, req, res, id);
      const trail = await readTrail(deps, id);
      if (format === 'json') {
        const lastHash = lastHashOf(trail.entries);
        res.json({
          id,
          source: trail.source,
          archived: trail.archived !== undefined,
          entries: trail.entries,
          ...(lastHash ? { lastHash } : {}),
        });
        return;
      }
      // attachment() first: it sets a type from the file name, which the line after replaces.
      res
        .attachment(`${id}-audit.${format}`)
        .type(TRAIL_MEDIA_TYPES[format])
        .send(exportTrail(trail.entries, format));
    },
    options,
  );
  route(
    router,
    contract,
    'verifyAuditTrail',
    async (req, res) => {
      const id = pathParam(req, 'id');
      await checkAccess(deps, req, res, id);
      const trail = await readTrail(deps, id);
      res.json({ id, source: trail.source, ...verifyStored(trail) });
    },
    options,
  );
  route(
    router,
    contract,
    'verifyAuditExport',
    async (req, res) => {
      const id = pathParam(req, 'id');
      const mediaType = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!(mediaType in POSTED)) {
        throw new ApiError(
          'UNSUPPORTED_MEDIA_TYPE',
          `the body is '${mediaType || 'untyped'}'; send the export as application/x-ndjson, text/csv or application/json`,
        );
      }
      if (typeof req.body !== 'string' || req.body.trim() === '') {
        throw new ApiError(
          'INVALID_REQUEST',
          'send the exported trail as the body (Content-Type application/x-ndjson, text/csv or application/json), byte for byte as downloaded',
        );
      }
      await checkAccess(deps, req, res, id);
      let posted: AuditEntry[];
      try {
        posted = parseTrail(req.body, POSTED[mediaType]);
      } catch (error) {
        if (error instanceof TrailFormatError) {
          throw new ApiError('INVALID_REQUEST', `the trail cannot be read: ${error.message}`);
        }
        throw error;
      }
      const chain = verifyTrail(posted);
      if (!chain.ok) {
        res.json({ id, ...chain, comparedWithServer: false });
        return;
      }
      const reference = await readTrail(deps, id);
      const mismatch = compareTrails(posted, reference.entries, {
        copy: 'the export',
        reference: "the server's trail",
      });
      res.json(
        mismatch
          ? {
              id,
              ok: false,
              entries: posted.length,
              ...mismatch,
              comparedWithServer: true,
              source: reference.source,
            }
          : { ...chain, id, comparedWithServer: true, source: reference.source },
      );
    },
    {
      ...options,
      before: [
        express.text({
          type: ['application/x-ndjson', 'text/csv', 'text/plain', 'application/json'],
          limit: EXPORT_LIMIT,
        }),
      ],
    },
  );
  return router;
}
