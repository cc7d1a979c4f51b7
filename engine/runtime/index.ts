/**
 * The runtime of compiled SOPs: name-referenced guards, actions and delays, and a driver that
 * runs a project on XState's pure functions. Deterministic and free of Node APIs, so the Temporal
 * workflow sandbox can import it.
 */
export { activeSteps } from './active-steps';
export { nowOf } from './clock';
export {
  SYSTEM_USER,
  type Actor,
  type OrgSnapshot,
  type ProjectStart,
  type SopContext,
  type SopEvent,
  type StepRecord,
  type Submission,
  type TaskState,
} from './context';
export { createSopMachine, initialContext } from './create-machine';
export { computeDueAt, instantOfDateValue, NEVER_MS, timeContextOf } from './deadlines';
export { ProjectDriver, RejectedActionError, type PendingTimer, type Turn } from './driver';
export {
  EFFECT_ACTION,
  type Effect,
  type EffectReason,
  type NotifyEffect,
  type RecordEffect,
} from './effects';
export { acceptedEvents, explainRejection } from './explain';
export { checkFormData } from './form-data';
export {
  ParticipantResolutionError,
  readPath,
  resolveParticipants,
  resolveRefs,
  snapshotOrg,
} from './participants';
export { rejectionReason, type Rejection, type RejectionCode } from './rules';
export { participatingDepartments } from './tasks-state';
export { buildWeeklyReport } from './weekly-report';
