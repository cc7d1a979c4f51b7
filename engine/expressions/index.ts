export { EXPRESSION_ROOTS, isExpressionRoot, type ExpressionRoot } from './expression-roots';
export { EXPRESSION_ERROR_CODES, ExpressionError, type ExpressionErrorCode } from './expression-error';
export { MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH } from './cel-environment';
export {
  parseExpression,
  type ExpressionParseFailure,
  type ParseExpressionResult,
  type ParsedExpression,
} from './parse-expression';
export { evaluateCondition, evaluateExpression, type ExpressionVariables } from './evaluate-expression';
export { readFields, measureDepth, type FieldReads, type FreeVariable } from './read-fields';
export { fromCelValue, toCelValue } from './cel-values';
