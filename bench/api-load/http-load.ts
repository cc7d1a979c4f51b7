/**
 * Load on the REST API with autocannon: `connections` keep-alive connections, each with one
 * request in flight at a time (closed loop), each with requests of its own (its own project, its
 * own Idempotency-Keys). Every answer is checked, not only its status.
 */
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { openWindow } from './load-window';
import { countError, type LoadRun } from './report';

/** autocannon's timeout per request, seconds: the API's own deadline on Temporal is 30 s. */
const REQUEST_TIMEOUT_S = 30;

/** The requests one connection sends, in order. */
export interface HttpRequestPlan {
  readonly path: string;
  /** The headers of the next request (called once per request). */
  readonly headers: () => Record<string, string>;
  /** The JSON body of the next request (called once per request, after `headers`). */
  readonly body: () => string;
  /** Undefined when an answer is the expected one, else what is wrong with it. */
  readonly check: (status: number, body: string) => string | undefined;
}

export interface HttpLoadOptions {
  readonly baseUrl: string;
  readonly connections: number;
  readonly durationS: number;
  /** The plan of connection `index` (0 … connections-1), asked once per connection. */
  readonly planFor: (index: number) => HttpRequestPlan;
}

/** Runs the load for `durationS` seconds and counts what completed inside that window. */
export async function runHttpLoad(options: HttpLoadOptions): Promise<LoadRun> {
  const errorKinds: Record<string, number> = {};
  const latenciesMs: number[] = [];
  let succeeded = 0;
  let late = 0;
  let refused = 0;
  let firstError: string | undefined;
  let connections = 0;
  const window = openWindow(options.durationS);

  const setupClient = (client: autocannon.Client) => {
    const plan = options.planFor(connections++);
    // autocannon calls `onResponse` and then emits the client's `response` (with the latency)
    // for the same answer, synchronously: the verdict is handed from one to the other.
    let problem: string | undefined;
    client.setRequests([
      {
        method: 'POST',
        path: plan.path,
        setupRequest: (request) => ({
          ...request,
          headers: { ...request.headers, ...plan.headers() },
          body: plan.body(),
        }),
        onResponse: (status, body) => {
          problem = plan.check(status, body);
          if (problem === undefined) return;
          refused++;
          countError(errorKinds, `HTTP ${status}`);
          firstError ??= `HTTP ${status} ${plan.path}: ${problem}`;
        },
      },
    ]);
    client.on('response', (_status: number, _bytes: number, responseTime: number) => {
      if (!window.contains(performance.now())) late++;
      else if (problem === undefined) {
        succeeded++;
        latenciesMs.push(responseTime);
      }
      problem = undefined;
    });
  };

  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.baseUrl,
        connections: options.connections,
        pipelining: 1,
        duration: options.durationS,
        timeout: REQUEST_TIMEOUT_S,
        // Checks every 100 ms whether the duration is over (default 1 s), so the load stops soon after.
        sampleInt: 100,
        headers: { 'content-type': 'application/json' },
        setupClient,
      },
      (error: unknown, done: autocannon.Result) => (error ? reject(asError(error)) : resolve(done)),
    );
    instance.on('reqError', (error: unknown) => {
      firstError ??= `request error: ${String(error)}`;
    });
  });
  // Socket errors and timeouts (autocannon counts timeouts among its errors).
  if (result.timeouts > 0) errorKinds.timeout = result.timeouts;
  if (result.errors > result.timeouts) errorKinds['socket error'] = result.errors - result.timeouts;
  return {
    succeeded,
    errors: refused + result.errors,
    errorKinds,
    ...(firstError !== undefined ? { firstError } : {}),
    windowMs: window.durationMs,
    latenciesMs,
    // Each connection had one request in flight when autocannon closed it; the API still serves it.
    tail: late + options.connections,
  };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
