// Credentials under load, through the default chain (not a single provider): single-flight refresh across an
// expiry boundary, static stability during an IMDS outage, and the chain's skip reasons.
import { defaultCredentials, explainDefaultCredentials, isCredentialsError } from '@rawaws/credentials';
import { startImdsEmulator, type ImdsEmulator } from '@rawaws/imds-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSecrets } from '../src/find-secrets.js';
import { formatFigures } from '../src/format-figures.js';
import { closedPort, tempHome, type TempHome } from './temp-home.js';

const CALLERS = 1000;
let imds: ImdsEmulator;
let home: TempHome;
beforeAll(async () => {
  imds = await startImdsEmulator();
  home = tempHome();
});
afterAll(async () => {
  await imds.close();
  home.cleanup();
});

describe('the default chain under load (IMDS emulator)', () => {
  it(`${CALLERS} concurrent callers across an expiry boundary cause one IMDS fetch; an outage keeps serving with a warning`, async () => {
    let now = Date.now();
    const warnings: string[] = [];
    const logger = { warn: (m: string) => warnings.push(m) };
    const provider = defaultCredentials({
      env: home.env({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint }),
      logger,
      memoize: { now: () => now },
      imds: { now: () => now, random: () => 0.5 },
    });
    const first = await provider();
    expect(first.source).toBe('imds');

    // 1. Past the expiry of the first credentials: everybody waits for one refresh.
    imds.resetStats();
    now = first.expiration!.getTime() + 1000;
    imds.setCredentials({ expiration: new Date(now + 3600_000) });
    const t0 = performance.now();
    const refreshed = await Promise.all(Array.from({ length: CALLERS }, () => provider()));
    const refreshMs = performance.now() - t0;
    const afterRefresh = imds.stats();
    expect(afterRefresh.credentialRequests).toBe(1);
    expect(new Set(refreshed.map((c) => c.accessKeyId))).toEqual(new Set([imds.currentCredentials().accessKeyId]));
    expect(refreshed[0]!.accessKeyId).not.toBe(first.accessKeyId);

    // 2. IMDS goes down and the credentials expire: static stability keeps serving the last ones, with a warning.
    const last = refreshed[0]!;
    imds.resetStats();
    imds.setOutage(true);
    now = last.expiration!.getTime() + 1000;
    const during = await Promise.all(Array.from({ length: CALLERS }, () => provider()));
    const outage = imds.stats();
    expect(new Set(during.map((c) => c.accessKeyId))).toEqual(new Set([last.accessKeyId]));
    expect(during[0]!.expiration!.getTime()).toBeGreaterThan(now); // extended 5-10 min ahead
    expect(warnings.length).toBe(1);
    expect(warnings[0]).toMatch(/CREDENTIALS_IMDS_ERROR/);
    const outageWarnings = [...warnings];
    expect(findSecrets([...warnings, ...during.slice(0, 3)], [last.secretAccessKey, last.sessionToken!])).toEqual([]);

    // 3. IMDS is back: the next refresh picks up fresh credentials.
    imds.setOutage(false);
    now = during[0]!.expiration!.getTime() + 1000;
    imds.setCredentials({ expiration: new Date(now + 3600_000) });
    const back = await provider();
    expect(back.accessKeyId).toBe(imds.currentCredentials().accessKeyId);
    expect(back.accessKeyId).not.toBe(last.accessKeyId);
    expect(warnings).toEqual(outageWarnings);

    console.log(
      formatFigures('Credentials under load (default chain -> IMDS emulator)', {
        'concurrent callers across the expiry boundary': CALLERS,
        'IMDS credential fetches for them': afterRefresh.credentialRequests,
        'IMDS token requests for them': afterRefresh.tokenRequests,
        'time for all callers': `${refreshMs.toFixed(1)} ms`,
        'callers served during the outage': during.length,
        'IMDS requests during the outage': outage.total,
        'warnings logged during the outage': outageWarnings.length,
        warning: outageWarnings[0]!.slice(0, 160),
      }),
    );
  });
});

describe('the default chain explains what it skipped', () => {
  it('with nothing configured, each source has its reason and code', async () => {
    const port = await closedPort();
    const trace = await explainDefaultCredentials({
      env: home.env({ AWS_EC2_METADATA_SERVICE_ENDPOINT: `http://127.0.0.1:${port}` }),
      logger: { warn: () => undefined },
    });
    expect(trace.credentials).toBeUndefined();
    expect(trace.skipped.map((s) => [s.source, s.code])).toEqual([
      ['env', 'CREDENTIALS_NOT_FOUND'],
      ['profile:default', 'CREDENTIALS_NOT_FOUND'],
      ['web-identity', 'CREDENTIALS_NOT_FOUND'],
      ['imds', 'CREDENTIALS_IMDS_UNAVAILABLE'],
    ]);
    expect(trace.skipped[0]!.message).toMatch(/AWS_ACCESS_KEY_ID/);
    expect(trace.skipped[2]!.message).toMatch(/AWS_WEB_IDENTITY_TOKEN_FILE/);
    const e = await defaultCredentials({ env: home.env({ AWS_EC2_METADATA_SERVICE_ENDPOINT: `http://127.0.0.1:${port}` }), memoize: false })().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(isCredentialsError(e) && e.code).toBe('CREDENTIALS_NOT_FOUND');
    for (const s of ['env', 'profile:default', 'web-identity', 'imds']) expect((e as Error).message).toContain(`- ${s}:`);
    console.log(formatFigures('Default chain with nothing configured', Object.fromEntries(trace.skipped.map((s) => [s.source, `${s.code}: ${s.message.slice(0, 100)}`]))));
  });

  it('an explicit profile skips env keys with a warning; a container URI replaces IMDS', async () => {
    const warnings: string[] = [];
    const h = tempHome({ credentials: '[dev]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profile-secret-0123456789\n' });
    try {
      const trace = await explainDefaultCredentials({
        env: h.env({ AWS_PROFILE: 'dev', AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'env-secret-0123456789' }),
        logger: { warn: (m) => warnings.push(m) },
      });
      expect(trace.credentials?.accessKeyId).toBe('AKIDPROFILE');
      expect(trace.skipped.map((s) => [s.source, s.code])).toEqual([['env', 'CREDENTIALS_SKIPPED']]);
      expect(warnings.join('\n')).toMatch(/profile dev was chosen explicitly/);
      expect(findSecrets([warnings, trace], ['env-secret-0123456789', 'profile-secret-0123456789'])).toEqual([]);

      const refused = await explainDefaultCredentials({ env: h.env({ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.169.254/latest/meta-data/' }) });
      expect(isCredentialsError(refused.error) && refused.error.code).toBe('CREDENTIALS_CONTAINER_URI_REFUSED');
      expect(refused.skipped.map((s) => s.source)).toEqual(['env', 'profile:default', 'web-identity']);
    } finally {
      h.cleanup();
    }
  });
});
