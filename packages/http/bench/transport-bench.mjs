// Small-GET throughput and latency on loopback: @rawaws/http vs Node's fetch vs the AWS SDK's NodeHttpHandler
// (and raw undici.request as the floor). Each client runs the same closed loop with CONCURRENCY requests in flight;
// rounds are interleaved and the median round is reported. Run: pnpm -F @rawaws/http build && pnpm -F @rawaws/http bench
import { fork } from 'node:child_process';
import { Agent as HttpAgent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent, request as undiciRequest } from 'undici';
import { createTransport } from '../dist/index.js';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const child = fork(new URL('./server.mjs', import.meta.url), { stdio: 'inherit' });
const port = await new Promise((resolve) => child.once('message', (m) => resolve(m.port)));
const url = `http://127.0.0.1:${port}/bucket/key`;

const transport = createTransport({ env: {}, connections: CONCURRENCY });
const undiciAgent = new Agent({ connections: CONCURRENCY });
// The SDK's default: keep-alive agent with maxSockets 50.
const smithy = new NodeHttpHandler({ httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 50 }) });

const clients = {
  '@rawaws/http': async () => {
    const res = await transport.send({ method: 'GET', url });
    await res.bytes();
  },
  'undici.request (floor)': async () => {
    const res = await undiciRequest(url, { dispatcher: undiciAgent });
    await res.body.arrayBuffer();
  },
  'fetch (Node built-in)': async () => {
    const res = await fetch(url);
    await res.arrayBuffer();
  },
  '@smithy/node-http-handler': async () => {
    const { response } = await smithy.handle({ protocol: 'http:', hostname: '127.0.0.1', port, method: 'GET', path: '/bucket/key', query: {}, headers: { host: `127.0.0.1:${port}` } });
    for await (const _ of response.body);
  },
};

async function round(fn, ms) {
  const latencies = [];
  const end = performance.now() + ms;
  const worker = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      await fn();
      latencies.push(performance.now() - t0);
    }
  };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const cpu = process.cpuUsage(cpu0);
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  // Client-process CPU per request: far less sensitive than wall-clock rates to other load on a shared machine.
  return { rps: latencies.length / elapsed, p50: q(0.5), p99: q(0.99), cpuUs: (cpu.user + cpu.system) / latencies.length };
}

for (const fn of Object.values(clients)) await round(fn, 500); // warm up JIT and pools
const results = Object.fromEntries(Object.keys(clients).map((k) => [k, []]));
for (let r = 0; r < ROUNDS; r++) for (const [name, fn] of Object.entries(clients)) results[name].push(await round(fn, ROUND_MS));

const median = (xs, k) => xs.map((x) => x[k]).sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = Object.entries(results).map(([name, rs]) => ({ name, rps: median(rs, 'rps'), p50: median(rs, 'p50'), p99: median(rs, 'p99'), cpuUs: median(rs, 'cpuUs') }));
const ours = rows[0];
const lines = [
  `Node ${process.version}, ${CONCURRENCY} concurrent small GETs on loopback, median of ${ROUNDS} × ${ROUND_MS} ms rounds`,
  '',
  '| client | req/s | p50 ms | p99 ms | client CPU µs/req | req/s: ours ÷ theirs | CPU/req: theirs ÷ ours |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| ${r.name} | ${Math.round(r.rps)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.cpuUs.toFixed(0)} | ${(ours.rps / r.rps).toFixed(2)}× | ${(r.cpuUs / ours.cpuUs).toFixed(2)}× |`,
  ),
];
console.log(lines.join('\n'));

await transport.close();
await undiciAgent.close();
smithy.destroy();
child.disconnect();
