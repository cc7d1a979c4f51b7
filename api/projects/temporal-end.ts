import { temporal } from '@temporalio/proto';

/**
 * Ends of a workflow the SOP did not decide — someone terminated it, it failed, timed out or was
 * cancelled through Temporal — as the project status the API reports. Completion is the SOP's
 * own end and is not listed: its SopStatus (completed, cancelled, rejected, …) says how.
 */
const ENDED_BY_TEMPORAL: Readonly<Record<string, string>> = {
  FAILED: 'failed',
  CANCELLED: 'cancelled',
  TERMINATED: 'terminated',
  TIMED_OUT: 'timed_out',
};

/**
 * The project status for a workflow status name as `describe()` gives it (`TERMINATED`), or as
 * the visibility API's enum number; undefined while running, completed or continued as new.
 *
 * @example
 * endedByTemporal('TERMINATED'); // 'terminated'
 * endedByTemporal(5);            // 'terminated'
 */
export function endedByTemporal(status: string | number | null | undefined): string | undefined {
  const name =
    typeof status === 'number'
      ? temporal.api.enums.v1.WorkflowExecutionStatus[status]?.replace('WORKFLOW_EXECUTION_STATUS_', '')
      : status;
  return name ? ENDED_BY_TEMPORAL[name] : undefined;
}
