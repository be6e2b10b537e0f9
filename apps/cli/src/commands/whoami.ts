import { parseArgs } from 'node:util';
import { createClient, isAwsServiceError, type XmlValue } from '@rawaws/client';
import { explainDefaultCredentials } from '@rawaws/credentials';
import { CliError } from '../cli-error.js';
import type { Command } from '../command.js';
import { describeError, withHumanErrors } from '../aws/human-errors.js';

const help = `Usage: rawaws whoami [--profile NAME] [--region REGION] [--endpoint-url URL]

Shows which credential source of the AWS SDKs' default chain answered (env, profile:<name>, web-identity,
container, imds), why the sources before it were skipped, and then asks STS GetCallerIdentity who the
credentials belong to. The secret key and session token are never printed.

Options:
  --profile NAME       shared config profile (default: AWS_PROFILE, then "default")
  --region REGION      STS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region)
  --endpoint-url URL   STS endpoint (default: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, profile, AWS)

Exit status: 0 when GetCallerIdentity answered, 1 when no credentials were found or STS refused.`;

const text = (v: XmlValue | undefined): string => (typeof v === 'string' ? v : '?');

/** `rawaws whoami`: the resolved credential source, the skipped ones, and STS GetCallerIdentity. */
export const whoamiCommand: Command = {
  name: 'whoami',
  summary: 'Which credentials are used, why others were skipped, and STS GetCallerIdentity',
  help,
  run: (args, io) =>
    withHumanErrors(io, 'whoami', async () => {
      let values;
      try {
        values = parseArgs({
          args: [...args],
          options: { profile: { type: 'string' }, region: { type: 'string' }, 'endpoint-url': { type: 'string' } },
          strict: true,
        }).values;
      } catch (e) {
        throw new CliError('CLI_USAGE', e instanceof Error ? e.message : String(e), { cause: e });
      }
      const trace = await explainDefaultCredentials({ profile: values.profile, env: io.env, memoize: false });
      for (const s of trace.skipped) io.write(`skipped   ${s.source}: ${s.message.split('\n')[0] ?? ''}\n`);
      const creds = trace.credentials;
      if (creds === undefined) {
        io.write(`no credentials: ${describeError(trace.error)}\n`);
        return 1;
      }
      const expires = creds.expiration === undefined ? '' : `, expires ${creds.expiration.toISOString()}`;
      io.write(`source    ${creds.source ?? 'unknown'} (access key ${creds.accessKeyId}${creds.sessionToken === undefined ? '' : ', with session token'}${expires})\n`);
      const sts = createClient({ service: 'sts', region: values.region, endpoint: values['endpoint-url'], env: io.env, credentials: creds });
      try {
        const me = await sts.query('GetCallerIdentity', {}, { version: '2011-06-15' });
        io.write(`account   ${text(me['Account'])}\narn       ${text(me['Arn'])}\nuser id   ${text(me['UserId'])}\n`);
        return 0;
      } catch (e) {
        if (!isAwsServiceError(e)) throw e;
        const hint =
          e.status === 405 || e.code === 'MethodNotAllowed' || e.code === 'NotImplemented'
            ? ' (this endpoint does not implement GetCallerIdentity; Ceph RGW 16 is one such server)'
            : '';
        io.write(`STS GetCallerIdentity failed: HTTP ${e.status} ${e.code}${hint}\n  ${describeError(e)}\n`);
        return 1;
      } finally {
        await sts.close();
      }
    }),
};
