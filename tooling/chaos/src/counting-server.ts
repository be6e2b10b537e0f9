import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTP server that only counts: TCP connections and requests. */
export interface CountingServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** TCP connections accepted so far (a request needs one, so 0 proves nothing was sent). */
  connections(): number;
  requests(): number;
  close(): Promise<void>;
}

/**
 * Starts a loopback server on a random port that answers every request with 200 and counts connections, to prove
 * that validation failed before any network call.
 *
 * @example
 * ```ts
 * const server = await startCountingServer();
 * await expect(s3.putObject({ bucket: 'Bad_Name', key: 'k', body: '' })).rejects.toThrow();
 * expect(server.connections()).toBe(0);
 * ```
 */
export async function startCountingServer(): Promise<CountingServer> {
  let connections = 0;
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-length': '0' }).end());
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connections: () => connections,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
