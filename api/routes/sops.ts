import { join } from 'node:path';
import { Router } from 'express';
import { toMermaid } from '../../engine/diagram/mermaid';
import { formatProblem, hasErrors, type Problem } from '../../engine/model/problem';
import { compileSop } from '../../engine/compiler';
import { checkSopText } from '../../engine/validator';
import { requireAccess } from '../authz/require-access';
import type { CatalogueEntry } from '../catalogue';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import type { ApiContract } from '../openapi/contract';
import { pathParam, queryParam, route, type RouteOptions } from '../openapi/route';
import { readCalendars } from '../sop-folder';

function unknownSop(deps: ApiDeps, id: string, version?: string): ApiError {
  const known = deps.catalogue.versions(id);
  if (known.length > 0 && version !== undefined) {
    return new ApiError(
      'UNKNOWN_SOP',
      `SOP '${id}' has no version '${version}'; versions: ${known.join(', ')}`,
    );
  }
  const ids = [...new Set(deps.catalogue.list().map((e) => e.id))];
  return new ApiError('UNKNOWN_SOP', `there is no SOP '${id}'; known SOPs: ${ids.join(', ') || 'none'}`);
}

function entryOf(deps: ApiDeps, id: string, version?: string): CatalogueEntry {
  const entry = deps.catalogue.get(id, version);
  if (!entry) throw unknownSop(deps, id, version);
  return entry;
}

function detail(deps: ApiDeps, entry: CatalogueEntry) {
  const doc = entry.compiled.document;
  const self = `/sops/${encodeURIComponent(entry.id)}`;
  return {
    id: entry.id,
    version: entry.version,
    title: entry.title,
    ...(doc.description ? { description: doc.description } : {}),
    hash: entry.hash,
    ...(doc.input?.schema ? { input: doc.input.schema as Record<string, unknown> } : {}),
    steps: entry.compiled.steps.map((s) => ({ id: s.id, kind: s.kind, title: s.title })),
    versions: deps.catalogue.versions(entry.id),
    links: { self, diagram: `${self}/diagram?version=${encodeURIComponent(entry.version)}` },
  };
}

function toApiProblem(problem: Problem) {
  return { ...problem, text: formatProblem(problem) };
}

/**
 * The SOP catalogue: list, get by id and version, Mermaid diagram, and validation of posted YAML
 * with the same positioned problems as `sop validate`.
 *
 * @example
 * app.use(sopRoutes(deps, contract));
 */
export function sopRoutes(deps: ApiDeps, contract: ApiContract, options: RouteOptions = {}): Router {
  const router = Router();
  const on = (id: string, handler: Parameters<typeof route>[3]) =>
    route(router, contract, id, handler, options);

  on('listSops', (_req, res) => {
    const ids = [...new Set(deps.catalogue.list().map((e) => e.id))].sort();
    const sops = ids.map((id) => {
      const latest = entryOf(deps, id);
      const versions = deps.catalogue
        .versions(id)
        .map((v) => deps.catalogue.get(id, v)!)
        .map((e) => ({ version: e.version, hash: e.hash }));
      return { id, title: latest.title, latestVersion: latest.version, versions };
    });
    res.json({ sops });
  });

  on('validateSop', async (req, res) => {
    await requireAccess(deps, req, res, { kind: 'sop.validate' });
    const { yaml, file } = req.body as { yaml: string; file?: string };
    const name = file ?? 'posted.yaml';
    const calendars = readCalendars(join(deps.catalogue.dir, 'calendars'), []);
    const checked = checkSopText(yaml, name, { org: deps.org, ...(calendars ? { calendars } : {}) });
    const problems = checked.problems.map(toApiProblem);
    const errors = checked.problems.filter((p) => p.severity === 'error').length;
    let sop: { id: string; version: string; hash: string } | undefined;
    if (checked.document && !hasErrors(checked.problems)) {
      const compiled = compileSop(checked.document, calendars ? { calendars } : {});
      sop = { id: compiled.sopId, version: compiled.version, hash: compiled.hash };
    }
    res.json({
      valid: errors === 0,
      errors,
      warnings: problems.length - errors,
      ...(sop ? { sop } : {}),
      problems,
    });
  });

  on('getSop', (req, res) => {
    res.json(detail(deps, entryOf(deps, pathParam(req, 'sopId'))));
  });

  on('getSopVersion', (req, res) => {
    res.json(detail(deps, entryOf(deps, pathParam(req, 'sopId'), pathParam(req, 'version'))));
  });

  on('getSopDiagram', (req, res) => {
    const entry = entryOf(deps, pathParam(req, 'sopId'), queryParam(req, 'version'));
    res.json({ id: entry.id, version: entry.version, mermaid: toMermaid(entry.compiled.document) });
  });

  return router;
}
