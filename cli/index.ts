export { createProgram, runCli } from './program';
export { UsageError, USAGE_EXIT_CODE } from './usage-error';
export { addContextOptions, SopContextLoader, type ContextOptions, type SopContext } from './sop-context';
export { checkSopForCommand, writeOutput, type CheckedSop } from './check-sop';
export { detectFileKind, type YamlFileKind } from './file-kind';
export { formatReports, summarizeReports, type FileReport } from './report';
export { runValidate } from './commands/validate';
