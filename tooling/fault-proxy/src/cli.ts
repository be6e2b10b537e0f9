#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startFaultProxy } from './fault-proxy.js';
import { chaosRules, type FaultRule } from './fault-rule.js';

const usage = `Usage: rawaws-fault-proxy --target URL [--port N] [--seed N] [--rules rules.json] [--chaos reset=0.02,error503=0.05,slowDown=0.05,truncate=0.02,latency=0.05]

Starts a loopback proxy in front of --target that injects faults. Rules are a JSON array of
{ "method"?, "path"? (exact pathname), "attempt"?, "probability"?, "times"?, "action": { "type": ... } }.
Prints the proxy URL, and the injection counts on SIGINT/SIGTERM.`;

const { values } = parseArgs({
  options: {
    target: { type: 'string' },
    port: { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
    rules: { type: 'string' },
    chaos: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help || !values.target) {
  console.log(usage);
  process.exit(values.help ? 0 : 2);
}
const rules: FaultRule[] = values.rules ? (JSON.parse(readFileSync(values.rules, 'utf8')) as FaultRule[]) : [];
if (values.chaos) {
  const rates = Object.fromEntries(values.chaos.split(',').map((kv) => { const [k, v] = kv.split('='); return [k, Number(v)]; }));
  rules.push(...chaosRules(rates));
}
const proxy = await startFaultProxy({ target: values.target, rules, seed: Number(values.seed), port: Number(values.port) });
console.log(proxy.url);
const stop = async (): Promise<void> => {
  console.error(JSON.stringify(proxy.stats()));
  await proxy.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
