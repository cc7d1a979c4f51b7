import { createServer, type RequestListener, type Server } from 'node:http';

/** Starts listening; a taken port fails with a message naming `PORT`. */
export function listen(handler: RequestListener, host: string, port: number): Promise<Server> {
  const server = createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `[PORT_IN_USE] PORT=${port}: ${host}:${port} is already in use. Stop that process or set PORT.`
            : `[API_LISTEN] Cannot listen on ${host}:${port} (PORT, HOST): ${error.message}`,
        ),
      );
    });
    server.listen({ host, port }, () => resolve(server));
  });
}

/**
 * Stops accepting connections and resolves once in-flight requests have finished. Idle keep-alive
 * connections are closed at once (they would otherwise hold the server open); requests still
 * running after `timeoutMs` are cut off, so a hung client cannot block the shutdown forever.
 */
export function closeHttpServer(server: Server, timeoutMs = 10_000): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const force = setTimeout(() => server.closeAllConnections(), timeoutMs);
    force.unref();
    server.close((error) => {
      clearTimeout(force);
      if (error) reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}
