// Debian's awscli (/usr/bin/aws) as an independent S3/STS/IAM client for the launcher's tests.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

const AWS = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';

export interface AwsCreds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
}

/** Runs `aws --endpoint-url <endpoint> <args>` with only the given credentials (no profile, no IMDS). */
export function aws(
  endpoint: string,
  creds: AwsCreds,
  args: readonly string[],
  extraEnv: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ACCESS_KEY_ID: creds.accessKeyId,
    AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/nonexistent/rawaws-rgw-test-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/rawaws-rgw-test-credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    ...(creds.sessionToken === undefined ? {} : { AWS_SESSION_TOKEN: creds.sessionToken }),
    ...extraEnv,
  };
  return new Promise((resolve) => {
    execFile(AWS, ['--endpoint-url', endpoint, '--output', 'json', ...args], { env, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

/** Like {@link aws} but throws with stderr when the command fails, and parses JSON output. */
export async function awsOk(endpoint: string, creds: AwsCreds, args: readonly string[], extraEnv?: Record<string, string>): Promise<unknown> {
  const r = await aws(endpoint, creds, args, extraEnv);
  if (r.code !== 0) throw new Error(`aws ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout.trim() === '' ? undefined : (JSON.parse(r.stdout) as unknown);
}
