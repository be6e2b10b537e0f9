import { createServer, type Server } from 'node:net';

/**
 * `count` distinct TCP ports that are free on 127.0.0.1 right now: the kernel picks them (port 0), and all
 * listeners stay open until every port is known, so no port is handed out twice.
 *
 * A daemon may still lose the race for a port to another process; the launcher then fails with a clear error.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
    }
    return servers.map((s) => {
      const address = s.address();
      if (address === null || typeof address === 'string') throw new Error('unexpected listener address');
      return address.port;
    });
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}
