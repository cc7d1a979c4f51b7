/**
 * Every operation of the API, in one table: method, path, parameters, body and answers. The
 * OpenAPI document, the request validator and the router are all built from it, so a route
 * cannot exist without being described.
 */
type Schema = Record<string, unknown>;

export interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required?: boolean;
  readonly description: string;
  readonly schema: Schema;
}

export interface Operation {
  readonly operationId: string;
  readonly method: 'get' | 'post';
  /** OpenAPI path, `{param}` style. */
  readonly path: string;
  readonly tag: 'SOPs' | 'Projects' | 'Work' | 'Audit' | 'Operations';
  readonly summary: string;
  readonly description?: string;
  /** False for the few endpoints anyone may call. */
  readonly authenticated: boolean;
  readonly parameters: readonly Parameter[];
  /** A component schema name for the JSON body. */
  readonly body?: string;
  /** A body that is a file in one of several formats (checked by the route, not the schema). */
  readonly rawBody?: { readonly mediaTypes: readonly string[]; readonly description: string };
  /** Status → component schema name, or a media type for non-JSON answers. */
  readonly responses: Readonly<
    Record<number, string | { readonly mediaType: string; readonly description: string }>
  >;
}

const projectId: Parameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'Project id, as POST /projects returned it',
  schema: { type: 'string', minLength: 1, maxLength: 200 },
};
const sopId: Parameter = {
  name: 'sopId',
  in: 'path',
  required: true,
  description: 'SOP id',
  schema: { type: 'string', minLength: 1, maxLength: 200 },
};
const stepId: Parameter = {
  name: 'stepId',
  in: 'path',
  required: true,
  description: 'Step id within the SOP',
  schema: { type: 'string', minLength: 1, maxLength: 200 },
};
const taskId: Parameter = {
  name: 'taskId',
  in: 'path',
  required: true,
  description: 'Task id within the project',
  schema: { type: 'string', minLength: 1, maxLength: 200 },
};
const query = (name: string, description: string, schema: Schema): Parameter => ({
  name,
  in: 'query',
  description,
  schema,
});
const workFilters = [
  query('user', 'Whose work (default: the caller)', { type: 'string', minLength: 1, maxLength: 200 }),
  query('department', "A department's work (its head, ops admins and auditors)", {
    type: 'string',
    minLength: 1,
    maxLength: 200,
  }),
];

/** Project filters go into a visibility query, so they are plain ids (see list-projects.ts). */
const FILTER_VALUE = '^[A-Za-z0-9._:@-]+$';

const read = { 400: 'Problem', 401: 'Problem', 403: 'Problem', 404: 'Problem', 503: 'Problem' } as const;
const write = {
  ...read,
  409: 'Problem',
  413: 'Problem',
  415: 'Problem',
  422: 'Problem',
  429: 'Problem',
} as const;

/** Task and approval shortcuts share one shape: a body, the project and the thing acted on. */
function projectAction(
  operationId: string,
  path: string,
  summary: string,
  body: string | undefined,
  extra: readonly Parameter[],
): Operation {
  return {
    operationId,
    method: 'post',
    path,
    tag: 'Work',
    summary,
    authenticated: true,
    parameters: [projectId, ...extra],
    ...(body ? { body } : {}),
    responses: { 200: 'ActionResult', ...write },
  };
}

export const OPERATIONS: readonly Operation[] = [
  {
    operationId: 'getHealth',
    method: 'get',
    path: '/healthz',
    tag: 'Operations',
    summary: 'Health of the API, Temporal and the worker',
    authenticated: false,
    parameters: [],
    responses: { 200: 'Health', 503: 'Health' },
  },
  {
    operationId: 'getMetrics',
    method: 'get',
    path: '/metrics',
    tag: 'Operations',
    summary: 'Operational metrics in Prometheus text format',
    authenticated: true,
    parameters: [],
    responses: {
      200: { mediaType: 'text/plain', description: 'Prometheus exposition format' },
      401: 'Problem',
      403: 'Problem',
    },
  },
  {
    operationId: 'listSops',
    method: 'get',
    path: '/sops',
    tag: 'SOPs',
    summary: 'Every SOP projects can be started from, with its versions',
    authenticated: true,
    parameters: [],
    responses: { 200: 'SopList', 401: 'Problem' },
  },
  {
    operationId: 'validateSop',
    method: 'post',
    path: '/sops/validate',
    tag: 'SOPs',
    summary: 'Validate SOP YAML; problems come with line and column, as the CLI reports them',
    authenticated: true,
    parameters: [],
    body: 'ValidateSopRequest',
    responses: {
      200: 'SopValidation',
      400: 'Problem',
      401: 'Problem',
      403: 'Problem',
      413: 'Problem',
      415: 'Problem',
    },
  },
  {
    operationId: 'getSop',
    method: 'get',
    path: '/sops/{sopId}',
    tag: 'SOPs',
    summary: 'The latest version of an SOP',
    authenticated: true,
    parameters: [sopId],
    responses: { 200: 'SopDetail', ...read },
  },
  {
    operationId: 'getSopVersion',
    method: 'get',
    path: '/sops/{sopId}/versions/{version}',
    tag: 'SOPs',
    summary: 'One version of an SOP',
    authenticated: true,
    parameters: [
      sopId,
      {
        name: 'version',
        in: 'path',
        required: true,
        description: 'e.g. 1.0.0',
        schema: { type: 'string', minLength: 1, maxLength: 64 },
      },
    ],
    responses: { 200: 'SopDetail', ...read },
  },
  {
    operationId: 'getSopDiagram',
    method: 'get',
    path: '/sops/{sopId}/diagram',
    tag: 'SOPs',
    summary: 'The SOP as a Mermaid state diagram',
    authenticated: true,
    parameters: [
      sopId,
      query('version', 'A version (default: latest)', { type: 'string', minLength: 1, maxLength: 64 }),
    ],
    responses: { 200: 'SopDiagram', ...read },
  },
  {
    operationId: 'kickOffProject',
    method: 'post',
    path: '/projects',
    tag: 'Projects',
    summary: 'Start a project of an SOP (idempotent by Idempotency-Key)',
    authenticated: true,
    parameters: [
      {
        name: 'Idempotency-Key',
        in: 'header',
        required: true,
        description:
          'Any unique string (≤ 255 characters); a retry with the same key and body returns the same project',
        schema: { type: 'string', minLength: 1, maxLength: 255 },
      },
    ],
    body: 'KickoffRequest',
    responses: { 201: 'ProjectSummary', 200: 'ProjectSummary', ...write },
  },
  {
    operationId: 'listProjects',
    method: 'get',
    path: '/projects',
    tag: 'Projects',
    summary: 'Find projects by SOP, status, department, owner and overdue, a page at a time',
    description:
      'Auditors and ops admins see every project; others see the projects they own or whose lead department they belong to.',
    authenticated: true,
    parameters: [
      query('sop', 'SOP id', { type: 'string', minLength: 1, maxLength: 200, pattern: FILTER_VALUE }),
      query('status', 'active, completed, cancelled, …', {
        type: 'string',
        minLength: 1,
        maxLength: 64,
        pattern: FILTER_VALUE,
      }),
      query('department', 'Lead department id', {
        type: 'string',
        minLength: 1,
        maxLength: 200,
        pattern: FILTER_VALUE,
      }),
      query('owner', 'Who kicked it off', {
        type: 'string',
        minLength: 1,
        maxLength: 200,
        pattern: FILTER_VALUE,
      }),
      query('overdue', 'Only overdue (true) or on-time (false) projects', { type: 'boolean' }),
      query('pageSize', 'Projects per page (1–100, default 20)', {
        type: 'integer',
        minimum: 1,
        maximum: 100,
      }),
      query('pageToken', 'nextPageToken of the previous page', {
        type: 'string',
        minLength: 1,
        maxLength: 4096,
        // Tokens are base64url: anything else cannot be one, and stays short once in a URL.
        pattern: '^[A-Za-z0-9_-]+$',
      }),
    ],
    responses: { 200: 'ProjectList', 400: 'Problem', 401: 'Problem', 503: 'Problem' },
  },
  {
    operationId: 'getProject',
    method: 'get',
    path: '/projects/{id}',
    tag: 'Projects',
    summary: "A project's current state",
    authenticated: true,
    parameters: [projectId],
    responses: { 200: 'ProjectDetail', ...read },
  },
  {
    operationId: 'cancelProject',
    method: 'post',
    path: '/projects/{id}/cancel',
    tag: 'Projects',
    summary: 'Cancel a running project, saying why',
    authenticated: true,
    parameters: [projectId],
    body: 'CancelRequest',
    responses: { 200: 'CancelResult', ...write },
  },
  {
    operationId: 'actOnProject',
    method: 'post',
    path: '/projects/{id}/actions',
    tag: 'Work',
    summary: 'Any action the SOP defines (submit, approve, task.update, sendBack, …)',
    authenticated: true,
    parameters: [projectId],
    body: 'ActionRequest',
    responses: { 200: 'ActionResult', ...write },
  },
  projectAction(
    'claimTask',
    '/projects/{id}/tasks/{taskId}/claim',
    'Take on a task (acknowledge it as its owner)',
    undefined,
    [taskId],
  ),
  projectAction(
    'updateTaskStatus',
    '/projects/{id}/tasks/{taskId}/status',
    "Change a task's status",
    'TaskStatusRequest',
    [taskId],
  ),
  projectAction(
    'flagTaskNeedsHelp',
    '/projects/{id}/tasks/{taskId}/needs-help',
    'Ask for help on a blocked task',
    'CommentRequest',
    [taskId],
  ),
  projectAction(
    'completeTask',
    '/projects/{id}/tasks/{taskId}/complete',
    'Mark a task done, with result data',
    'CompleteTaskRequest',
    [taskId],
  ),
  projectAction(
    'submitForm',
    '/projects/{id}/steps/{stepId}/submit',
    "Submit a form step's data",
    'SubmitFormRequest',
    [stepId],
  ),
  projectAction(
    'decideApproval',
    '/projects/{id}/approvals/{stepId}/decision',
    'Approve or reject what awaits you',
    'DecisionRequest',
    [stepId],
  ),
  {
    operationId: 'listMyTasks',
    method: 'get',
    path: '/work/tasks',
    tag: 'Work',
    summary: 'Open tasks and steps of a user (default: the caller) or a department, across active projects',
    authenticated: true,
    parameters: workFilters,
    responses: { 200: 'WorkList', 400: 'Problem', 401: 'Problem', 403: 'Problem', 503: 'Problem' },
  },
  {
    operationId: 'listMyApprovals',
    method: 'get',
    path: '/work/approvals',
    tag: 'Work',
    summary: 'Approvals awaiting a user (default: the caller) or a department, across active projects',
    authenticated: true,
    parameters: workFilters,
    responses: { 200: 'WorkList', 400: 'Problem', 401: 'Problem', 403: 'Problem', 503: 'Problem' },
  },
  {
    operationId: 'getProjectHistory',
    method: 'get',
    path: '/projects/{id}/history',
    tag: 'Audit',
    summary: "The project's events as read from Temporal's history",
    authenticated: true,
    parameters: [projectId],
    responses: { 200: 'History', ...read },
  },
  {
    operationId: 'getProjectNotifications',
    method: 'get',
    path: '/projects/{id}/notifications',
    tag: 'Audit',
    summary: 'Every notification of the project with its delivery outcome',
    authenticated: true,
    parameters: [projectId],
    responses: { 200: 'NotificationLog', ...read },
  },
  {
    operationId: 'getAuditTrail',
    method: 'get',
    path: '/projects/{id}/audit',
    tag: 'Audit',
    summary: 'The hash-chained audit trail (who, what, when, on whose behalf, why, before/after)',
    authenticated: true,
    parameters: [
      projectId,
      query('format', 'json (default), jsonl or csv; or use the Accept header', {
        enum: ['json', 'jsonl', 'csv'],
      }),
    ],
    responses: {
      200: 'AuditTrail',
      ...read,
      406: 'Problem',
    },
  },
  {
    operationId: 'verifyAuditTrail',
    method: 'get',
    path: '/projects/{id}/audit/verify',
    tag: 'Audit',
    summary: "Recompute the trail's hash chain (and compare with the archive once closed)",
    authenticated: true,
    parameters: [projectId],
    responses: { 200: 'AuditVerification', ...read },
  },
  {
    operationId: 'verifyAuditExport',
    method: 'post',
    path: '/projects/{id}/audit/verify',
    tag: 'Audit',
    summary: 'Check an exported trail (JSON, JSONL or CSV as downloaded) against the chain and the server',
    description:
      "Send the file as it was exported. The answer says whether its chain is intact and whether it matches the project's trail as the server holds it; a changed, removed, inserted or reordered entry is named.",
    authenticated: true,
    parameters: [projectId],
    rawBody: {
      mediaTypes: ['application/json', 'application/x-ndjson', 'text/csv', 'text/plain'],
      description: 'The exported trail, byte for byte',
    },
    responses: { 200: 'AuditVerification', ...read, 413: 'Problem', 415: 'Problem' },
  },
  {
    operationId: 'getKpis',
    method: 'get',
    path: '/kpis',
    tag: 'Operations',
    summary: 'On-time completion, response times and escalations per SOP, department and period',
    authenticated: true,
    parameters: [
      query('from', 'Start of the period (ISO date or date-time, e.g. 2026-11-01)', {
        type: 'string',
        minLength: 10,
        maxLength: 40,
      }),
      query('to', 'End of the period, exclusive (ISO date or date-time)', {
        type: 'string',
        minLength: 10,
        maxLength: 40,
      }),
      query('groupBy', 'Comma list of sop, department, period (default sop)', {
        type: 'string',
        pattern: '^(sop|department|period)(,(sop|department|period))*$',
      }),
      query('period', 'day, week or month (with groupBy=period; default week)', {
        enum: ['day', 'week', 'month'],
      }),
      query('sop', 'Only this SOP', { type: 'string', minLength: 1, maxLength: 200 }),
      query('department', 'Only this department', { type: 'string', minLength: 1, maxLength: 200 }),
    ],
    responses: { 200: 'Kpis', 400: 'Problem', 401: 'Problem', 403: 'Problem', 503: 'Problem' },
  },
];
