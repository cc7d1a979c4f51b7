/**
 * Graceful shutdown of the HTTP API: in-flight requests finish, new connections are refused, and
 * a request that hangs is cut off after the timeout instead of blocking the stop forever.
 */
import type { AddressInfo } from 'node:net';
import { closeHttpServer, listen } from '../../server/http-server';

function serve(delayMs: number | 'forever') {
  return listen(
    (req, res) => {
      if (delayMs === 'forever') return; // never answers
      setTimeout(() => res.end(`done ${req.url}`), delayMs);
    },
    '127.0.0.1',
    0,
  );
}

describe('closeHttpServer', () => {
  it('lets an in-flight request finish, then refuses new connections', async () => {
    const server = await serve(400);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const inFlight = fetch(`${url}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the request is being handled
    const closing = closeHttpServer(server, 5_000);
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe('done /slow');
    await closing;
    await expect(fetch(`${url}/late`)).rejects.toThrow();
  });

  it('cuts off a request that hangs once the timeout passes', async () => {
    const server = await serve('forever');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const hung = fetch(`${url}/hang`).then(
      () => 'answered',
      () => 'cut off',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await closeHttpServer(server, 300);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await hung).toBe('cut off');
  });
});
