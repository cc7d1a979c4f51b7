export { compileSop, CompileError, type CompileOptions } from './compile-sop';
export { canonicalJson, hashOf } from './canonical-json';
export { delayNames, internalEvents, isInternalEvent, targetOf } from '../model/machine-names';
export { regionId } from './steps/parallel';
export { TASK_EVENTS } from './steps/tasks';
