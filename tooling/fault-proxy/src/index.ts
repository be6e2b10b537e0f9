export { startFaultProxy } from './fault-proxy.js';
export type { FaultProxy, FaultProxyOptions, FaultProxyStats } from './fault-proxy.js';
export { chaosRules, ruleMatches } from './fault-rule.js';
export type { ChaosRates, FaultAction, FaultRule, RequestFacts } from './fault-rule.js';
export { mulberry32 } from './prng.js';
export { s3ErrorBody } from './s3-error-body.js';
