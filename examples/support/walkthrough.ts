/**
 * What the example walkthroughs (`npm run example:…`) share: calling the engine's HTTP API with
 * clear failures, printing numbered steps, and describing the history of a project.
 */

import { readSigningSecret } from '../../api/auth/dev-secret';
import { mintToken } from '../../api/auth/mint-token';

export const API_URL = (process.env.API_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');

/** Who the walkthrough calls as when a request names no actor (set once the project is kicked off). */
let caller = 'he.yun';
/** Calls from now on are made as `user` unless the action names its actor. */
export function callAs(user: string): void {
  caller = user;
}

const tokens = new Map<string, Promise<string>>();
/**
 * A bearer token for a user, signed like `npx sop token <user>` does: with SOP_JWT_SECRET, or the
 * development secret `npm start` keeps in DATA_DIR. Each person in the walkthrough acts with
 * their own token, as they would through a portal.
 */
function tokenFor(user: string): Promise<string> {
  const secret = readSigningSecret(process.env, process.cwd());
  if (!secret) {
    throw new UnexpectedAnswer(
      'no signing secret: run `npm start` first (it creates the development secret in DATA_DIR), or set SOP_JWT_SECRET',
    );
  }
  if (!tokens.has(user)) tokens.set(user, mintToken({ secret, user, expiresIn: '1h' }));
  return tokens.get(user)!;
}

function actorOf(body: unknown): string | undefined {
  const actor = (body as { actor?: { user?: unknown } } | undefined)?.actor?.user;
  return typeof actor === 'string' ? actor : undefined;
}

/** An answer the walkthrough did not expect. */
export class UnexpectedAnswer extends Error {}

export interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

let stepNumber = 0;
/** Prints the next numbered step. */
export function say(text: string): void {
  console.log(`\n${++stepNumber}. ${text}`);
}
/** Prints a detail under the current step. */
export function detail(text: string): void {
  console.log(`   ${text}`);
}

/** Sends a request and returns status and JSON body; a network failure explains how to start the engine. */
export async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  let response: Response;
  const authorization: Record<string, string> =
    path === '/healthz' ? {} : { authorization: `Bearer ${await tokenFor(actorOf(body) ?? caller)}` };
  try {
    response = await fetch(`${API_URL}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...authorization,
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (error) {
    throw new UnexpectedAnswer(
      `cannot reach the API at ${API_URL} (${String((error as Error).cause ?? error)}). ` +
        'Start the engine with `npm start`, or set API_URL.',
    );
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new UnexpectedAnswer(
      `${method} ${path} answered ${response.status} with non-JSON: ${text.slice(0, 200)}`,
    );
  }
  return { status: response.status, body: parsed as Record<string, unknown> };
}

/** Like `call`, but any answer outside 2xx stops the walkthrough with the API's reason. */
export async function expectOk(
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) {
  const answer = await call(method, path, body, headers);
  if (answer.status < 200 || answer.status > 299) {
    const reason = typeof answer.body.detail === 'string' ? answer.body.detail : JSON.stringify(answer.body);
    throw new UnexpectedAnswer(
      `${method} ${path} was refused (${answer.status} ${String(answer.body.code)}): ${reason}`,
    );
  }
  return answer.body;
}

/** The project's state (`GET /projects/:id`), typed as the walkthrough reads it. */
export async function readProject<View>(id: string): Promise<View> {
  return (await expectOk('GET', `/projects/${encodeURIComponent(id)}`)) as unknown as View;
}

/** Sends one action to a project. */
export async function act(id: string, action: Record<string, unknown>) {
  return expectOk('POST', `/projects/${encodeURIComponent(id)}/actions`, action);
}

/** A value as text ('' for nothing). */
export function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * One line per history entry; `describeAction` says what an accepted action did (each walkthrough
 * shows what matters for its SOP).
 */
export function describeHistoryEntry(
  entry: Record<string, unknown>,
  describeAction: (entry: Record<string, unknown>) => string,
): string {
  const at = text(entry.at).replace('T', ' ').slice(0, 19);
  switch (entry.kind) {
    case 'kickoff':
      return `${at}  kickoff of ${text((entry.sop as { id?: string } | undefined)?.id)}`;
    case 'action':
      return `${at}  ${text((entry.actor as { user?: string } | undefined)?.user)}: ${describeAction(entry)}`;
    case 'notification':
      return `${at}  notify ${(entry.recipients as string[] | undefined)?.join(', ') ?? ''}: ${text(entry.message)}`;
    case 'timer':
      return `${at}  timer ${text(entry.timer)}`;
    case 'completed':
      return `${at}  completed: ${text(entry.outcome)}`;
    default:
      return `${at}  ${text(entry.kind)} ${text(entry.what ?? entry.reason)}`.trimEnd();
  }
}

/** Prints the project's history from `GET /projects/:id/history`. */
export async function printHistory(id: string, describeAction: (entry: Record<string, unknown>) => string) {
  const history = await expectOk('GET', `/projects/${encodeURIComponent(id)}/history`);
  const events = (history.events ?? []) as Record<string, unknown>[];
  say(`History (${events.length} entries):`);
  for (const entry of events) detail(describeHistoryEntry(entry, describeAction));
}

/** Runs a walkthrough; an unexpected answer ends it with exit code 1 and the reason. */
export function runWalkthrough(walkthrough: () => Promise<void>): void {
  walkthrough().catch((error: unknown) => {
    const message =
      error instanceof UnexpectedAnswer ? error.message : String((error as Error)?.stack ?? error);
    console.error(`\nThe walkthrough stopped: ${message}`);
    process.exit(1);
  });
}
