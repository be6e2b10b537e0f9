import { randomBytes } from 'node:crypto';

/** Credentials an emulator hands out. */
export interface FakeCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Random AWS-shaped temporary credentials (`ASIA…` key id, 40-char secret, long token) expiring at `expiration`. */
export function fakeCredentials(expiration: Date): FakeCredentials {
  const id = Array.from(randomBytes(16), (b) => ALPHABET[b % 32]).join('');
  return {
    accessKeyId: `ASIA${id}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    // Real session tokens are long base64 blobs with `+`, `/` and `=`: exercise the encoders.
    sessionToken: `IQoJb3JpZ2luX2Vj+/${randomBytes(180).toString('base64')}`,
    expiration,
  };
}

/** ISO-8601 without milliseconds, as AWS prints it. */
export const awsDate = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
