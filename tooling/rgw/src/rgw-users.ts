/** An RGW user with one S3 key pair. */
export interface RgwUser {
  uid: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** ARN form RGW uses for this user in IAM policies and STS: `arn:aws:iam:::user/<uid>`. */
  arn: string;
}

/** The IAM role every cluster gets, assumable with STS AssumeRole by both users. */
export interface RgwRole {
  name: string;
  /** `arn:aws:iam:::role/<name>` */
  arn: string;
}

/** Runs `radosgw-admin <args>` against the cluster and returns stdout. */
export type RadosgwAdmin = (args: string[], what: string) => Promise<string>;

/**
 * Admin capabilities of the main user. `roles` and `user-policy` open RGW's IAM Query API (CreateRole, ListRoles,
 * PutRolePolicy, PutUserPolicy, ...); `users` and `buckets` open the admin REST API (`/admin/user`, `/admin/bucket`).
 */
export const MAIN_USER_CAPS = 'roles=*;user-policy=*;users=*;buckets=*';

/** Name of the role created in every cluster. */
export const ROLE_NAME = 'rawaws-test';

const policy = (statement: object): string => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

/**
 * Creates what every cluster gets: users `main` (uid `test`, with {@link MAIN_USER_CAPS}) and `alt` (uid `alt`,
 * no caps: for cross-user tests and as a principal of AssumeRole), and the role {@link ROLE_NAME}, whose trust
 * policy admits both users and whose inline policy allows `s3:*`.
 */
export async function createUsers(
  admin: RadosgwAdmin,
  keys: { accessKeyId: string; secretAccessKey: string; altAccessKeyId: string; altSecretAccessKey: string },
): Promise<{ main: RgwUser; alt: RgwUser; role: RgwRole }> {
  const create = async (uid: string, name: string, ak: string, sk: string, caps?: string): Promise<RgwUser> => {
    await admin(
      ['user', 'create', `--uid=${uid}`, `--display-name=${name}`, `--access-key=${ak}`, `--secret-key=${sk}`],
      `create the S3 user ${uid}`,
    );
    if (caps !== undefined) await admin(['caps', 'add', `--uid=${uid}`, `--caps=${caps}`], `grant caps to ${uid}`);
    return { uid, accessKeyId: ak, secretAccessKey: sk, arn: `arn:aws:iam:::user/${uid}` };
  };
  const createRole = async (): Promise<RgwRole> => {
    const trust = policy({
      Effect: 'Allow',
      Principal: { AWS: ['arn:aws:iam:::user/test', 'arn:aws:iam:::user/alt'] },
      Action: ['sts:AssumeRole'],
    });
    await admin(['role', 'create', `--role-name=${ROLE_NAME}`, '--path=/', `--assume-role-policy-doc=${trust}`], 'create the IAM role');
    await admin(
      ['role-policy', 'put', `--role-name=${ROLE_NAME}`, '--policy-name=s3-all',
        `--policy-doc=${policy({ Effect: 'Allow', Action: ['s3:*'], Resource: 'arn:aws:s3:::*' })}`],
      'attach the role policy',
    );
    return { name: ROLE_NAME, arn: `arn:aws:iam:::role/${ROLE_NAME}` };
  };
  const [main, alt, role] = await Promise.all([
    create('test', 'rawaws test user', keys.accessKeyId, keys.secretAccessKey, MAIN_USER_CAPS),
    create('alt', 'rawaws second user', keys.altAccessKeyId, keys.altSecretAccessKey),
    createRole(),
  ]);
  return { main, alt, role };
}
