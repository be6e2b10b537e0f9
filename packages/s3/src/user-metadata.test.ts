import { describe, expect, it } from 'vitest';
import { isS3Error } from './errors.js';
import { userMetadataFromHeaders, userMetadataHeaders } from './user-metadata.js';

describe('user metadata', () => {
  it('ASCII passes through, unicode is RFC 2047-encoded, names lower-cased', () => {
    expect(userMetadataHeaders({ Author: 'Zoë', plain: 'a b' })).toEqual({
      'x-amz-meta-author': '=?UTF-8?B?Wm/Dqw==?=',
      'x-amz-meta-plain': 'a b',
    });
  });

  it('round-trips any value, including one that looks like an encoded word', () => {
    const meta = { a: '🐱 cat', b: '=?UTF-8?B?Zm9v?=', c: 'tab\there', d: '' };
    expect(userMetadataFromHeaders({ ...userMetadataHeaders(meta), 'content-type': 'x' })).toEqual(meta);
  });

  it('rejects names that are not header tokens', () => {
    try {
      userMetadataHeaders({ 'bad name': 'x' });
      expect.unreachable();
    } catch (e) {
      expect(isS3Error(e) && e.code).toBe('S3_INVALID_ARGUMENT');
    }
  });
});
