import { S3Error } from './errors.js';
import { xmlDocument, xmlElement } from './xml-escape.js';

/** A lifecycle rule (the subset every S3 implementation supports, plus transitions). */
export interface LifecycleRule {
  readonly id?: string | undefined;
  /** @default true */
  readonly enabled?: boolean | undefined;
  /** Objects whose key starts with this; `''` or undefined = the whole bucket. */
  readonly prefix?: string | undefined;
  /** Only objects with all these tags. */
  readonly tags?: Readonly<Record<string, string>> | undefined;
  /** Expire current versions this many days after creation. */
  readonly expirationDays?: number | undefined;
  /** Expire current versions on this date (midnight UTC). */
  readonly expirationDate?: Date | undefined;
  /** Abort multipart uploads still open this many days after they started. */
  readonly abortIncompleteMultipartUploadDays?: number | undefined;
  /** Delete non-current versions this many days after they became non-current. */
  readonly noncurrentVersionExpirationDays?: number | undefined;
  /** Move objects to another storage class. */
  readonly transitions?: readonly { readonly days: number; readonly storageClass: string }[] | undefined;
}

function days(name: string, v: number | undefined): string {
  if (v === undefined) return '';
  if (!Number.isInteger(v) || v < 1) {
    throw new S3Error('S3_INVALID_ARGUMENT', `Invalid lifecycle ${name} ${v}: use a whole number of days >= 1.`, { value: v });
  }
  return xmlElement('Days', v);
}

function filterXml(rule: LifecycleRule): string {
  const tags = Object.entries(rule.tags ?? {}).map(([k, v]) => `<Tag>${xmlElement('Key', k)}${xmlElement('Value', v)}</Tag>`);
  const prefix = xmlElement('Prefix', rule.prefix ?? '');
  if (tags.length === 0) return `<Filter>${prefix}</Filter>`;
  if (tags.length === 1 && (rule.prefix ?? '') === '') return `<Filter>${tags[0]}</Filter>`;
  return `<Filter><And>${rule.prefix ? prefix : ''}${tags.join('')}</And></Filter>`;
}

/**
 * The PutBucketLifecycleConfiguration body. Every rule needs at least one action.
 *
 * @example
 * ```ts
 * lifecycleXml([{ id: 'tmp', prefix: 'tmp/', expirationDays: 1 }]);
 * ```
 */
export function lifecycleXml(rules: readonly LifecycleRule[]): string {
  if (rules.length === 0 || rules.length > 1000) {
    throw new S3Error('S3_INVALID_ARGUMENT', `A lifecycle configuration needs 1 to 1,000 rules, got ${rules.length}. To remove all rules use deleteBucketLifecycle().`, {
      value: rules.length,
    });
  }
  const body = rules
    .map((r, i) => {
      let actions = '';
      if (r.expirationDays !== undefined || r.expirationDate !== undefined) {
        const date = r.expirationDate === undefined ? '' : xmlElement('Date', `${r.expirationDate.toISOString().slice(0, 10)}T00:00:00.000Z`);
        actions += `<Expiration>${days('expirationDays', r.expirationDays)}${date}</Expiration>`;
      }
      for (const t of r.transitions ?? []) {
        actions += `<Transition>${days('transition days', t.days)}${xmlElement('StorageClass', t.storageClass)}</Transition>`;
      }
      if (r.noncurrentVersionExpirationDays !== undefined) {
        actions += `<NoncurrentVersionExpiration><NoncurrentDays>${days('noncurrentVersionExpirationDays', r.noncurrentVersionExpirationDays).replace(/<\/?Days>/g, '')}</NoncurrentDays></NoncurrentVersionExpiration>`;
      }
      if (r.abortIncompleteMultipartUploadDays !== undefined) {
        actions += `<AbortIncompleteMultipartUpload><DaysAfterInitiation>${days('abortIncompleteMultipartUploadDays', r.abortIncompleteMultipartUploadDays).replace(/<\/?Days>/g, '')}</DaysAfterInitiation></AbortIncompleteMultipartUpload>`;
      }
      if (actions === '') {
        throw new S3Error('S3_INVALID_ARGUMENT', `Lifecycle rule ${r.id ?? `#${i + 1}`} has no action: set expirationDays, expirationDate, transitions, noncurrentVersionExpirationDays or abortIncompleteMultipartUploadDays.`, {
          value: r.id ?? i,
        });
      }
      const status = r.enabled === false ? 'Disabled' : 'Enabled';
      return `<Rule>${xmlElement('ID', r.id)}${filterXml(r)}<Status>${status}</Status>${actions}</Rule>`;
    })
    .join('');
  return xmlDocument('LifecycleConfiguration', body);
}
