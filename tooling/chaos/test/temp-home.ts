// The throw-away AWS home (own config files; an env without the machine's AWS_* variables) is the credentials
// package's test helper, reused as the smithy adapter of sigv4's tests is.
export { tempHome, type TempHome } from '../../../packages/credentials/test/helpers.js';

/** A port on 127.0.0.1 where nothing listens. */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
