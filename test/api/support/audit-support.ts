/**
 * Helpers for the audit-trail API tests: raw HTTP calls that keep what `api.request` hides
 * (response headers, a CSV's byte order mark, bodies that must not be JSON-parsed), polling with
 * a deadline, ways to tamper with an exported trail, and direct edits of a SQLite audit archive
 * (what someone with access to the database file could do).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import type { AuditEntry, UnchainedAuditEntry } from '../../../audit/audit-entry';
import { canonicalJson } from '../../../audit/canonical-json';
import { chainEntries, hashEntry } from '../../../audit/hash-chain';
import { BRIDGE_KEY, type ApiHarness } from './api-harness';

/** An HTTP answer as downloaded: status, the headers a download cares about, the text as sent. */
export interface RawReply {
  readonly status: number;
  readonly contentType: string;
  readonly disposition: string | null;
  /** The body decoded as UTF-8 with a byte order mark kept (fetch's `text()` would drop it). */
  readonly text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted, not trusted
  json(): any;
}

export interface CallOptions {
  /** Another app of the harness (`api.serveWith`); the harness's own app by default. */
  readonly baseUrl?: string;
  /** A user to send a JWT for; the `oa-bridge` API key by default. */
  readonly as?: string;
  readonly headers?: Record<string, string>;
  /** Sent as it is: give its Content-Type in `headers`. */
  readonly body?: string;
}

/**
 * Sends one request to the harness's app (or another app it serves) and returns the raw answer.
 *
 * @example
 * const csv = await call(api, 'GET', `/projects/${id}/audit?format=csv`, { as: 'song.jia' });
 */
export async function call(
  api: ApiHarness,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<RawReply> {
  const credentials: Record<string, string> =
    options.as === undefined
      ? { 'X-Api-Key': BRIDGE_KEY }
      : { Authorization: `Bearer ${await api.tokenFor(options.as)}` };
  const response = await fetch(`${options.baseUrl ?? api.baseUrl}${path}`, {
    method,
    headers: { ...credentials, ...options.headers },
    ...(options.body !== undefined ? { body: options.body } : {}),
  });
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    disposition: response.headers.get('content-disposition'),
    text,
    json: () => JSON.parse(text) as unknown,
  };
}

/**
 * Calls `probe` until it returns something other than `undefined`, or fails after `timeoutMs`
 * saying what it waited for.
 *
 * @example
 * await eventually('the sweep to archive the project', async () => (await sweep()).includes(id) || undefined);
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  { timeoutMs = 15_000, intervalMs = 200 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** An entry with its chain fields removed, as `chainEntries` takes it. */
function unchained(entry: AuditEntry): UnchainedAuditEntry {
  const { seq: _seq, prevHash: _prevHash, hash: _hash, ...rest } = entry;
  return rest;
}

/** The trail with entry `seq` edited and its stored hash kept (what a careless forger does). */
export function changeEntry(
  trail: readonly AuditEntry[],
  seq: number,
  edit: Partial<AuditEntry>,
): AuditEntry[] {
  return trail.map((e) => (e.seq === seq ? { ...e, ...edit } : e));
}

/** The trail without entry `seq`. */
export function removeEntry(trail: readonly AuditEntry[], seq: number): AuditEntry[] {
  return trail.filter((e) => e.seq !== seq);
}

/** The trail with entries `seq` and `seq + 1` in each other's place, both untouched. */
export function swapWithNext(trail: readonly AuditEntry[], seq: number): AuditEntry[] {
  const copy = [...trail];
  const index = copy.findIndex((e) => e.seq === seq);
  [copy[index], copy[index + 1]] = [copy[index + 1]!, copy[index]!];
  return copy;
}

/**
 * The trail with a forged entry put in front of entry `seq`: it claims that seq, links to the
 * entry before, and its hash matches its content, so only the chain's shape gives it away.
 */
export function insertForged(
  trail: readonly AuditEntry[],
  seq: number,
  forged: Omit<UnchainedAuditEntry, 'source'> & Partial<Pick<AuditEntry, 'source'>>,
): AuditEntry[] {
  const index = trail.findIndex((e) => e.seq === seq);
  const unsealed = {
    source: { kind: 'api' as const },
    ...forged,
    seq,
    prevHash: trail[index - 1]!.hash,
  };
  const entry: AuditEntry = { ...unsealed, hash: hashEntry(unsealed) };
  return [...trail.slice(0, index), entry, ...trail.slice(index)];
}

/**
 * The trail with entry `seq` edited and every hash recomputed from there on: an intact chain
 * that only a copy kept elsewhere (the server's trail, an archived last hash) can expose.
 */
export function rechainAfterChange(
  trail: readonly AuditEntry[],
  seq: number,
  edit: Partial<UnchainedAuditEntry>,
): AuditEntry[] {
  return chainEntries(trail.map((e) => (e.seq === seq ? { ...unchained(e), ...edit } : unchained(e))));
}

/**
 * Holds every delivery the worker starts (notifications, records) until the returned function is
 * called, so a test can read a trail while a notification is still on its way. The worker calls
 * the harness's sink at delivery time, so swapping its method takes effect at once.
 *
 * @example
 * const release = holdDeliveries(api);
 * try { … } finally { release(); }
 */
export function holdDeliveries(api: ApiHarness): () => void {
  const sink = api.sink;
  const original = sink.deliver.bind(sink);
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  sink.deliver = (projectId, key, effect) => released.then(() => original(projectId, key, effect));
  return () => {
    sink.deliver = original;
    release();
  };
}

let sqlJs: Promise<SqlJsStatic> | undefined;

/** What an archive row holds, as a forger with the database file sees it. */
export interface StoredArchive {
  readonly trail: AuditEntry[];
  readonly lastHash: string;
  readonly entries: number;
}

/**
 * Rewrites a project's archived trail straight in the SQLite file of an audit store, as someone
 * with access to the file could: `edit` gets the stored trail and returns the new row values.
 * Stores opened on the file before this keep their own (in-memory) copy; open a new one.
 *
 * @example
 * await editArchivedTrail(file, id, (stored) => ({ ...stored, trail: changeEntry(stored.trail, 3, { reason: 'x' }) }));
 */
export async function editArchivedTrail(
  file: string,
  projectId: string,
  edit: (stored: StoredArchive) => StoredArchive,
): Promise<void> {
  sqlJs ??= initSqlJs();
  const db = new (await sqlJs).Database(readFileSync(file));
  try {
    const [result] = db.exec(
      'SELECT entries, last_hash, entry_count FROM audit_archives WHERE project_id = $id',
      { $id: projectId },
    );
    const row = result?.values[0];
    if (!row) throw new Error(`project ${projectId} is not archived in ${file}`);
    const stored: StoredArchive = {
      trail: JSON.parse(String(row[0])) as AuditEntry[],
      lastHash: String(row[1]),
      entries: Number(row[2]),
    };
    const next = edit(stored);
    db.run(
      'UPDATE audit_archives SET entries = $entries, last_hash = $lastHash, entry_count = $count WHERE project_id = $id',
      {
        $entries: canonicalJson(next.trail),
        $lastHash: next.lastHash,
        $count: next.entries,
        $id: projectId,
      },
    );
    writeFileSync(file, db.export());
  } finally {
    db.close();
  }
}
