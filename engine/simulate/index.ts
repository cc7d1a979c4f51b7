export { parseEventScript, type EventScript, type ScriptEntry, type ScriptTime } from './script';
export {
  describeTimer,
  SimulationInputError,
  simulateSop,
  type SimulationResult,
  type TimelineEntry,
} from './simulate';
export { formatTimeline } from './format-timeline';
