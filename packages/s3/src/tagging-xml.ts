import { S3Error } from './errors.js';
import { uriEncode } from './encode-key.js';
import { xmlDocument, xmlElement } from './xml-escape.js';

/** Object or bucket tags: at most 10 (objects), keys up to 128 and values up to 256 characters. */
export type Tags = Readonly<Record<string, string>>;

function checkTags(tags: Tags): [string, string][] {
  const entries = Object.entries(tags);
  if (entries.length > 50) {
    throw new S3Error('S3_INVALID_ARGUMENT', `Too many tags (${entries.length}): S3 allows 10 per object and 50 per bucket.`, {
      value: entries.length,
    });
  }
  for (const [k, v] of entries) {
    if (k.length === 0 || k.length > 128 || v.length > 256) {
      throw new S3Error('S3_INVALID_ARGUMENT', `Invalid tag ${JSON.stringify(k)}: keys need 1-128 characters, values 0-256.`, { value: k });
    }
  }
  return entries;
}

/** The PutObjectTagging / PutBucketTagging body. */
export function taggingXml(tags: Tags): string {
  const set = checkTags(tags)
    .map(([k, v]) => `<Tag>${xmlElement('Key', k)}${xmlElement('Value', v)}</Tag>`)
    .join('');
  return xmlDocument('Tagging', `<TagSet>${set}</TagSet>`);
}

/** The `x-amz-tagging` header value (URL query encoding) for PUT / CreateMultipartUpload / CopyObject. */
export function taggingHeader(tags: Tags): string {
  return checkTags(tags)
    .map(([k, v]) => `${uriEncode(k)}=${uriEncode(v)}`)
    .join('&');
}
