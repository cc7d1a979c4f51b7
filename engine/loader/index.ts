export { fromPointer, toPointer, type DocumentPath, type SourcePosition } from './document-path';
export { loadSopFile } from './load-sop-file';
export { loadSopText, type LoadedSop } from './load-sop-text';
export {
  DEFAULT_MAX_ALIAS_COUNT,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_NESTING,
  loadYamlText,
  sortByPosition,
  type LoadedYaml,
  type LoadLimits,
} from './load-yaml-text';
export { loadOrgDirectory, loadOrgDirectoryText, type LoadedOrgDirectory } from './load-org-directory';
export { CalendarFileError, loadCalendar, loadCalendarsFromDir } from './calendar-file';
export type { SourceMap } from './source-map';
