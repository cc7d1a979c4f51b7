/**
 * Approval flows on a real Temporal server: start a project of an inline SOP (on TEST_ORG and
 * TEST_CALENDAR), send `act` updates, read refusals and the history's accepted updates.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowClient, type WorkflowHandle } from '@temporalio/client';
import type { SopDocument } from '../../engine/model/sop';
import { resolveParticipants, snapshotOrg } from '../../engine/runtime/participants';
import {
  actUpdate,
  PROJECT_WORKFLOW,
  type ActionRequest,
  type ActionResult,
  type ProjectArgs,
} from '../../workflows/messages';
import { compileTest, TEST_ORG } from './sop-fixtures';

/** The workflow arguments of `doc` started with `input`, resolved the way the API does at kickoff. */
export function inlineProjectArgs(doc: SopDocument, input: Record<string, unknown>): ProjectArgs {
  const org = snapshotOrg(TEST_ORG);
  return { compiled: compileTest(doc), start: { input, org, people: resolveParticipants(doc, org, input) } };
}

export function startInline(
  client: WorkflowClient,
  doc: SopDocument,
  input: Record<string, unknown>,
  taskQueue: string,
): Promise<WorkflowHandle> {
  return client.start(PROJECT_WORKFLOW, {
    args: [inlineProjectArgs(doc, input)],
    taskQueue,
    workflowId: `approval-${randomUUID()}`,
  });
}

/** An action by `user`, with optional data, comment, … */
export function action(user: string, type: string, extra: Partial<ActionRequest> = {}): ActionRequest {
  return { type, actor: { user }, ...extra };
}

export type Attempt =
  | { readonly accepted: ActionResult }
  | { readonly refused: { readonly code: string; readonly message: string } };

/** Sends one action; a refusal (WorkflowUpdateFailedError) comes back as `{ refused: { code, message } }`. */
export async function attempt(handle: WorkflowHandle, request: ActionRequest): Promise<Attempt> {
  try {
    return { accepted: await handle.executeUpdate(actUpdate, { args: [request] }) };
  } catch (error) {
    return { refused: refusalOf(error) };
  }
}

/** The `{ code, message }` of a refused action; anything else is rethrown. */
export function refusalOf(error: unknown): { code: string; message: string } {
  if (!(error instanceof WorkflowUpdateFailedError)) throw error;
  const cause = error.cause as { message: string; details?: unknown[] } | undefined;
  const detail = cause?.details?.[0] as { code: string; message: string } | undefined;
  if (!detail) throw error;
  expect(detail.message).toBe(cause?.message);
  return { code: detail.code, message: detail.message };
}

/** Sends one action that must be accepted. */
export function send(handle: WorkflowHandle, request: ActionRequest): Promise<ActionResult> {
  return handle.executeUpdate(actUpdate, { args: [request] });
}

/** The actions (type and actor) of the updates the project's history accepted, in order. */
export async function acceptedUpdates(handle: WorkflowHandle): Promise<string[]> {
  const { events } = await handle.fetchHistory();
  return (events ?? [])
    .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes)
    .filter((a) => a !== null && a !== undefined)
    .map((a) => {
      const payload = a.acceptedRequest?.input?.args?.payloads?.[0]?.data;
      const request = JSON.parse(Buffer.from(payload ?? new Uint8Array()).toString('utf8')) as ActionRequest;
      return `${request.actor.user}:${request.type}`;
    });
}

/** Waits until `check` holds (polling), for effects that arrive through activities. */
export async function eventually(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('[TIMEOUT] the condition never held');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
