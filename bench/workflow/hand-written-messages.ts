/**
 * The public surface of the hand-written change-request workflow: its type name, arguments,
 * state query and outcome. Human actions use the very same `act` update (name, request and
 * result shapes) as our generic workflow, so the benchmark drives both with identical calls.
 */
import { defineQuery } from '@temporalio/workflow';

export const HAND_WRITTEN_WORKFLOW = 'changeRequestApproval';

/** Who takes part, resolved at kickoff from the org directory (as our API resolves participants). */
export interface ChangeRequestPeople {
  readonly requester: string;
  readonly deptHead: string;
  readonly deptHeadManager: string;
  readonly cto: string;
  readonly ctoManager: string;
  readonly approvalAdmins: readonly string[];
  readonly opsAdmins: readonly string[];
}

export interface ChangeRequestArgs {
  readonly department: string;
  readonly people: ChangeRequestPeople;
}

export type WaitingStep = 'request' | 'minorHeadApproval' | 'majorHeadApproval' | 'ctoApproval' | 'revise';
export type FinalStep = 'approved' | 'rejected' | 'withdrawn';

export interface Decision {
  readonly step: WaitingStep;
  readonly decision: 'approved' | 'rejected';
  readonly by: string;
  readonly at: string;
  readonly comment?: string;
}

/** What the `state` query returns: plain JSON with ISO times. */
export interface ChangeRequestView {
  readonly status: 'active' | 'completed' | 'rejected' | 'cancelled';
  readonly step: WaitingStep | FinalStep;
  readonly assignees: readonly string[];
  readonly enteredAt: string;
  readonly dueAt?: string;
  readonly overdue: boolean;
  readonly forms: { readonly request?: unknown; readonly revise?: unknown };
  readonly decisions: readonly Decision[];
  readonly completedSteps: readonly {
    readonly id: string;
    readonly enteredAt: string;
    readonly exitedAt: string;
  }[];
}

export const changeRequestState = defineQuery<ChangeRequestView>('state');

/** How the project ended; the same shape as our workflow's outcome. */
export interface ChangeRequestOutcome {
  readonly status: string;
  readonly finalStep: FinalStep;
  readonly outcome: 'completed' | 'rejected' | 'cancelled';
}
