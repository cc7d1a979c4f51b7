export { checkSopFile, checkSopText, type CheckSopOptions, type SopCheckResult } from './check-sop';
export type { ValidateOptions } from './check-context';
export { PROBLEM_CODES, type ProblemCode } from './problem-codes';
export { severityOf } from './reporter';
export { validateSop } from './validate-sop';
export { explainSchemaErrors, type SchemaExplainContext } from './schema/explain-schema-errors';
export { getSchemaValidator } from './schema/schema-registry';
