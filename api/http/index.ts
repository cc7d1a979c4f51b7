/**
 * The API's hardening layer: request ids, structured logs, security headers, CORS, rate limits
 * and their configuration. Each module is one middleware or one parser; wiring order is in
 * docs/hardening.md.
 */
export {
  HARDENING_DEFAULTS,
  HardeningConfigError,
  parseHttpHardening,
  type HttpHardening,
  type TrustProxy,
} from './config';
export { CORS_ALLOWED_HEADERS, CORS_EXPOSED_HEADERS, corsPolicy, type CorsPolicyOptions } from './cors';
export {
  createLogger,
  LOG_LEVELS,
  loggerOf,
  REDACTED_PATHS,
  requestLogging,
  type Logger,
  type LoggerOptions,
  type LogLevel,
  type RequestLoggingOptions,
} from './logging';
export { principalId } from './principal';
export { CORS_REFUSED, httpProblem, RATE_LIMITED, sendHttpProblem, type HttpProblemType } from './problems';
export { principalOrIp, rateLimit, type RateLimitKey, type RateLimitOptions } from './rate-limit';
export { formatWindow, parseRateRule, RATE_RULE_EXAMPLES, type RateLimitRule } from './rate-rule';
export { isSafeRequestId, REQUEST_ID_HEADER, requestId, requestIdOf, resolveRequestId } from './request-id';
export { securityHeaders, type SecurityHeadersOptions } from './security-headers';
