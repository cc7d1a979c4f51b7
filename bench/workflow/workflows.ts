/**
 * The hand-written workflow's bundle entry. It is bundled alone, not next to our workflow: the
 * SDK evaluates a bundle's modules afresh for every workflow execution, so a shared bundle would
 * make every hand-written project pay for loading our engine (xstate, luxon, cel-js, …) too.
 */
export { changeRequestApproval } from './hand-written-workflow';
