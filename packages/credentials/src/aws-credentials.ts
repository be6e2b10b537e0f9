import type { Credentials } from '@rawaws/sigv4';

/** Credentials as returned by every provider of this package. */
export interface AwsCredentials extends Credentials {
  /** Where the credentials came from, e.g. `env`, `profile:dev`, `process:dev`, `assume-role:dev`, `imds`. */
  readonly source?: string;
  /** The AWS account id, when the source reports it. */
  readonly accountId?: string | undefined;
}

/** The fields accepted by {@link createCredentials}. */
export interface CredentialsInit {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
  expiration?: Date | undefined;
  source?: string | undefined;
  accountId?: string | undefined;
}

const REDACTED = '[redacted]';

/**
 * An immutable credentials object whose secret key and session token are readable properties
 * (`creds.secretAccessKey`) but never appear in `String(creds)`, `JSON.stringify(creds)`, `util.inspect(creds)`,
 * `Object.keys(creds)` or a spread copy.
 *
 * @example
 * const creds = new RedactedCredentials({ accessKeyId: 'AKID', secretAccessKey: 'secret' });
 * JSON.stringify(creds); // {"accessKeyId":"AKID","secretAccessKey":"[redacted]","source":"static"}
 */
export class RedactedCredentials implements AwsCredentials {
  readonly accessKeyId: string;
  readonly expiration: Date | undefined;
  readonly source: string;
  readonly accountId: string | undefined;
  readonly #secretAccessKey: string;
  readonly #sessionToken: string | undefined;

  constructor(init: CredentialsInit) {
    this.accessKeyId = init.accessKeyId;
    this.#secretAccessKey = init.secretAccessKey;
    this.#sessionToken = init.sessionToken === '' ? undefined : init.sessionToken;
    this.expiration = init.expiration;
    this.source = init.source ?? 'static';
    this.accountId = init.accountId;
    Object.freeze(this);
  }

  /** The secret access key (a getter on the prototype, so it is not enumerable). */
  get secretAccessKey(): string {
    return this.#secretAccessKey;
  }

  /** The session token, if any (a getter on the prototype, so it is not enumerable). */
  get sessionToken(): string | undefined {
    return this.#sessionToken;
  }

  /** A copy with other fields replaced (used e.g. to extend the expiry under static stability). */
  with(changes: Partial<CredentialsInit>): RedactedCredentials {
    return new RedactedCredentials({
      accessKeyId: this.accessKeyId,
      secretAccessKey: this.#secretAccessKey,
      sessionToken: this.#sessionToken,
      expiration: this.expiration,
      source: this.source,
      accountId: this.accountId,
      ...changes,
    });
  }

  toJSON(): Record<string, string | undefined> {
    return {
      accessKeyId: this.accessKeyId,
      secretAccessKey: REDACTED,
      sessionToken: this.#sessionToken === undefined ? undefined : REDACTED,
      expiration: this.expiration?.toISOString(),
      source: this.source,
      accountId: this.accountId,
    };
  }

  toString(): string {
    const exp = this.expiration ? `, expires ${this.expiration.toISOString()}` : '';
    return `AwsCredentials(${this.accessKeyId} from ${this.source}${exp})`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    const token = this.#sessionToken === undefined ? '' : `, sessionToken: '${REDACTED}'`;
    const exp = this.expiration ? `, expiration: ${this.expiration.toISOString()}` : '';
    return `AwsCredentials { accessKeyId: '${this.accessKeyId}', secretAccessKey: '${REDACTED}'${token}${exp}, source: '${this.source}' }`;
  }
}

/**
 * Wraps raw credential fields in a {@link RedactedCredentials}.
 *
 * @example
 * const creds = createCredentials({ accessKeyId: 'AKID', secretAccessKey: 'secret', source: 'static' });
 * console.log(creds); // AwsCredentials { accessKeyId: 'AKID', secretAccessKey: '[redacted]', source: 'static' }
 */
export function createCredentials(init: CredentialsInit): RedactedCredentials {
  return new RedactedCredentials(init);
}

/**
 * A provider that always returns the given credentials (wrapped so the secret is redacted).
 *
 * @example
 * const provider = fromStatic({ accessKeyId: 'AKID', secretAccessKey: 'secret' });
 */
export function fromStatic(init: CredentialsInit): () => Promise<AwsCredentials> {
  const creds = createCredentials({ source: 'static', ...init });
  return () => Promise.resolve(creds);
}
