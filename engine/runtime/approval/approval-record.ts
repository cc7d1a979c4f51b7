import type { ApprovalMode } from '../../model/sop';

/** How one stage of approvers decides: everyone, the first to act, or a share of them. */
export type StageRule = 'all' | 'any' | { readonly quorum: number } | { readonly percent: number };

/** The decisions an approver can take. */
export type ApprovalDecision = 'approved' | 'rejected';

/** Where an approval flow ended, or `open` while it waits for approvers. */
export type ApprovalOutcome = 'open' | ApprovalDecision | 'sentBack' | 'withdrawn';

/**
 * One approver's seat on an approval step. Seats in the same `stage` decide together under that
 * stage's rule; stages run one after another (a sequential flow has one seat per stage).
 */
export interface ApprovalSeat {
  readonly user: string;
  readonly stage: number;
  readonly decision?: ApprovalDecision;
  readonly at?: number;
  readonly comment?: string;
  /** Decided by a resolution rule (the requester approving their own request), not by a person. */
  readonly auto?: boolean;
  /** The approver who handed this seat over (转交). */
  readonly transferredFrom?: string;
  /** The approver who added this seat (加签). */
  readonly addedBy?: string;
}

/** One action taken on an approval step, kept as its audit trail. */
export interface ApprovalAction {
  readonly action: string;
  readonly by: string;
  readonly at: number;
  readonly comment?: string;
  readonly data?: unknown;
}

/**
 * What a project knows about an approval step (`approvals.<step>` in CEL). v1 steps keep only
 * `decision`, `by`, `at` and `comment`; approval flows add the rest, and set `decision` (with who
 * decided, when and why) once the outcome is approved or rejected, so `approvals.<step>.decision`
 * reads the same in both.
 */
export interface ApprovalRecord {
  readonly decision?: ApprovalDecision;
  readonly by?: string;
  readonly at?: number;
  readonly comment?: string;
  readonly mode?: ApprovalMode;
  readonly outcome?: ApprovalOutcome;
  readonly approvers?: readonly ApprovalSeat[];
  /** The rule of each stage, by stage number. */
  readonly stages?: readonly StageRule[];
  readonly actions?: readonly ApprovalAction[];
  /** Readers copied in (抄送) so far. */
  readonly cc?: readonly string[];
  readonly openedAt?: number;
  readonly lastUrgedAt?: number;
  /** The step a send back (退回) went to. */
  readonly sentBackTo?: string;
}
