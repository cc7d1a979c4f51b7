import { Environment } from '@marcbachmann/cel-js';
import { EXPRESSION_ROOTS } from './expression-roots';

/**
 * Longest expression text accepted; guards are one-liners, so this only stops abuse.
 *
 * @example
 * ```ts
 * parseExpression('x'.repeat(MAX_EXPRESSION_LENGTH + 1)); // { ok: false, code: 'EXPRESSION_TOO_LONG', … }
 * ```
 */
export const MAX_EXPRESSION_LENGTH = 1000;

/**
 * Deepest AST accepted; keeps parsing, checking and evaluation cost small and predictable.
 *
 * @example
 * ```ts
 * parseExpression('('.repeat(40) + 'input.a' + ')'.repeat(40)); // { ok: false, code: 'EXPRESSION_TOO_DEEP', … }
 * ```
 */
export const MAX_EXPRESSION_DEPTH = 32;

/**
 * The single CEL environment every SOP expression runs in: the allowed roots declared as `dyn`
 * (their shape comes from the SOP, not from CEL declarations) and tight structural limits.
 * Built once at module load; the cel-js environment is immutable after registration.
 */
function createSopEnvironment(): Environment {
  const environment = new Environment({
    // Roots are `dyn`, so `[input.a, 1]` mixes dyn and int; that is fine for SOP data.
    homogeneousAggregateLiterals: false,
    limits: {
      maxDepth: MAX_EXPRESSION_DEPTH,
      maxAstNodes: MAX_EXPRESSION_LENGTH,
      maxListElements: 100,
      maxMapEntries: 100,
      maxCallArguments: 8,
    },
  });
  for (const root of EXPRESSION_ROOTS) environment.registerVariable(root, 'dyn');
  return environment;
}

/**
 * The shared environment used by {@link parseExpression}.
 *
 * @example
 * ```ts
 * SOP_CEL_ENVIRONMENT.hasVariable('input'); // true
 * ```
 */
export const SOP_CEL_ENVIRONMENT = createSopEnvironment();
