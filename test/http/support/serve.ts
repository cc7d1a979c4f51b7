import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';

/** A test app listening on 127.0.0.1 on a free port. */
export interface Served {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `app` on 127.0.0.1 port 0: real sockets, real HTTP, no port clashes between files. */
export function serve(app: RequestListener): Promise<Served> {
  const server = createServer(app);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            // fetch keeps connections alive; close them or close() waits for their timeout.
            server.closeAllConnections();
            server.close((error) => (error ? fail(error) : done()));
          }),
      });
    });
  });
}

/** Log lines written to a stream, as the raw text and parsed. */
export interface CapturedLogs {
  readonly stream: DestinationStream;
  readonly text: () => string;
  readonly lines: () => Record<string, unknown>[];
  /** Resolves once a line matching `predicate` was written (the completion line follows the response). */
  waitFor(predicate: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

export function captureLogs(): CapturedLogs {
  const chunks: string[] = [];
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    stream: { write: (chunk: string) => void chunks.push(chunk) },
    text: () => chunks.join(''),
    lines,
    async waitFor(predicate) {
      const deadline = Date.now() + 2_000;
      for (;;) {
        const found = lines().find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no such log line in:\n${chunks.join('')}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}
