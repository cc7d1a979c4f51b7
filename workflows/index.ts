/** The workflow bundle's entry: every workflow type the worker registers. */
export { sopProject } from './sop-project';
