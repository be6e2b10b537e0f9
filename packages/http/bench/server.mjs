// Loopback target for the benchmark, run in its own process so it does not share the client's event loop.
import { createServer } from 'node:http';

const body = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><ok>small</ok>');
const server = createServer((req, res) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'application/xml', 'content-length': body.byteLength });
  res.end(body);
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
process.on('disconnect', () => process.exit(0));
