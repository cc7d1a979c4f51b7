import { ApplicationFailure } from '@temporalio/activity';

/** The failure type of a refused destination; stable, for alerts and tests. */
export const OUTBOUND_REFUSED = 'OutboundRefused';

/**
 * The failure for a destination the policy refuses. Non-retryable: the same URL would be refused
 * on every attempt, so the activity fails at once with the reason instead of retrying for hours.
 *
 * @example
 * throw refuseOutbound('ops-hook', "host 'intranet' is not in allowHosts");
 */
export function refuseOutbound(channel: string, why: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(
    `[OUTBOUND_REFUSED] channel '${channel}': ${why} (see allowHosts in channels.yaml)`,
    OUTBOUND_REFUSED,
  );
}
