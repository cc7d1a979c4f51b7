import { formatProblem, type Problem } from '../../engine/model/problem';

/**
 * A channel configuration that cannot be used, with every problem found (`file:line:column:`).
 * The worker stops at start with this message rather than losing notifications later.
 *
 * @example
 * try { loadChannelConfig('sop-definitions/notifications/channels.yaml'); }
 * catch (e) { if (e instanceof ChannelConfigError) console.error(e.message); }
 */
export class ChannelConfigError extends Error {
  override readonly name = 'ChannelConfigError';
  readonly code = 'CHANNELS_CONFIG';

  constructor(readonly problems: readonly Problem[]) {
    const files = [...new Set(problems.map((p) => p.file))].join(', ');
    super(
      `[CHANNELS_CONFIG] ${files} cannot be used (set SOP_CHANNELS_FILE to another file, or fix it):\n` +
        problems.map(formatProblem).join('\n'),
    );
  }
}
