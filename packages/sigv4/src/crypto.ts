// The only file in @rawaws/sigv4 that touches the platform. `node:crypto` is obtained at first use through
// `process.getBuiltinModule` (Node >= 20.16) instead of a static import, so the package also loads in browsers,
// edge runtimes, Deno and Bun, where `webCrypto()` is the backend to use.
import { SigV4Error } from './errors.js';
import type { SigV4AsyncCrypto, SigV4Crypto } from './types.js';

export type { SigV4AsyncCrypto, SigV4Crypto } from './types.js';

type BinaryLike = string | Uint8Array;
interface NodeCryptoModule {
  hash?: (algorithm: string, data: BinaryLike, outputEncoding: 'buffer' | 'hex' | 'latin1') => Uint8Array | string;
  createHash(algorithm: string): { update(data: BinaryLike): { digest(): Uint8Array; digest(enc: 'hex'): string } };
  createHmac(algorithm: string, key: Uint8Array): { update(data: BinaryLike): { digest(): Uint8Array; digest(enc: 'hex'): string } };
}

let nodeModule: NodeCryptoModule | undefined;

function loadNodeCrypto(): NodeCryptoModule {
  if (nodeModule !== undefined) return nodeModule;
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const mod = proc?.getBuiltinModule?.('node:crypto') as NodeCryptoModule | undefined;
  if (mod === undefined || typeof mod.createHmac !== 'function') {
    throw new SigV4Error(
      'SIGV4_INVALID_CRYPTO',
      'sigv4: node:crypto is not available in this runtime (needs Node >= 20.16); pass `crypto` explicitly or use signRequestAsync/presignUrlAsync with webCrypto()',
    );
  }
  nodeModule = mod;
  return mod;
}

/**
 * The default {@link SigV4Crypto}: synchronous `node:crypto` SHA-256 and HMAC-SHA256, with hex shortcuts that the
 * signer uses to skip a bytes-to-hex conversion on the hot path.
 * @example
 * toHex(nodeCrypto.sha256('')); // 'e3b0c442…'
 */
export const nodeCrypto: Required<SigV4Crypto> = {
  sha256(data) {
    const c = loadNodeCrypto();
    return c.hash !== undefined ? (c.hash('sha256', data, 'buffer') as Uint8Array) : c.createHash('sha256').update(data).digest();
  },
  sha256Hex(data) {
    const c = loadNodeCrypto();
    return c.hash !== undefined ? (c.hash('sha256', data, 'hex') as string) : c.createHash('sha256').update(data).digest('hex');
  },
  hmac(key, data) {
    return loadNodeCrypto().createHmac('sha256', key).update(data).digest();
  },
  hmacHex(key, data) {
    const c = loadNodeCrypto();
    if (c.hash !== undefined && typeof data === 'string' && data.length <= MAX_FAST_HMAC && key.length <= 64) return padHmacHex(c.hash, key, data);
    return c.createHmac('sha256', key).update(data).digest('hex');
  },
};

// HMAC-SHA256 (RFC 2104) as two one-shot hashes over precomputed pads: H((K ^ opad) || H((K ^ ipad) || m)).
// node:crypto's one-shot hash() avoids the per-call Hmac object, which is most of the cost for the short
// string to sign. Pads are cached per key object (the signing key is cached, so this hits on every signature).
const MAX_FAST_HMAC = 1024;
const scratch = new Uint8Array(64 + MAX_FAST_HMAC * 3);
const scratchTail = scratch.subarray(64);
let scratchKey: Uint8Array | undefined;
interface Pads {
  /** Copy of the key bytes the pads were made from: a caller may reuse and overwrite a key buffer. */
  key: Uint8Array;
  ipad: Uint8Array;
  outer: Uint8Array;
}
const pads = new WeakMap<Uint8Array, Pads>();

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function padHmacHex(hash: NonNullable<NodeCryptoModule['hash']>, key: Uint8Array, data: string): string {
  let p = pads.get(key);
  if (p === undefined || !sameBytes(p.key, key)) {
    const ipad = new Uint8Array(64).fill(0x36);
    const outer = new Uint8Array(96).fill(0x5c, 0, 64);
    for (let i = 0; i < key.length; i++) {
      ipad[i] = (ipad[i] as number) ^ (key[i] as number);
      outer[i] = (outer[i] as number) ^ (key[i] as number);
    }
    p = { key: key.slice(), ipad, outer };
    pads.set(key, p);
    scratchKey = undefined;
  }
  // The ipad block stays in the scratch buffer while the same key signs again.
  if (scratchKey !== key) {
    scratch.set(p.ipad, 0);
    scratchKey = key;
  }
  const { written } = utf8.encodeInto(data, scratchTail);
  // 'latin1' output (one char per byte) is much cheaper in node:crypto than a Buffer result.
  const inner = hash('sha256', scratch.subarray(0, 64 + written), 'latin1') as string;
  const outer = p.outer;
  for (let i = 0; i < 32; i++) outer[64 + i] = inner.charCodeAt(i);
  return hash('sha256', outer, 'hex') as string;
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Lower-case hex of `bytes`.
 * @example
 * toHex(new Uint8Array([0, 255])); // '00ff'
 */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i] as number] as string;
  return out;
}

/** Hex SHA-256 through the backend's hex shortcut when it has one. */
export function sha256Hex(crypto: SigV4Crypto, data: BinaryLike): string {
  return crypto.sha256Hex !== undefined ? crypto.sha256Hex(data) : toHex(crypto.sha256(data));
}

/** Hex HMAC-SHA256 through the backend's hex shortcut when it has one. */
export function hmacHex(crypto: SigV4Crypto, key: Uint8Array, data: BinaryLike): string {
  return crypto.hmacHex !== undefined ? crypto.hmacHex(key, data) : toHex(crypto.hmac(key, data));
}

interface SubtleLike {
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
  importKey(format: 'raw', key: Uint8Array, algorithm: { name: string; hash: string }, extractable: boolean, usages: string[]): Promise<unknown>;
  sign(algorithm: string, key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
}

const utf8 = new TextEncoder();
const bytesOf = (data: BinaryLike): Uint8Array => (typeof data === 'string' ? utf8.encode(data) : data);

/**
 * A {@link SigV4AsyncCrypto} on Web Crypto (`crypto.subtle`), for browsers, edge runtimes, Deno and Bun.
 * Imported HMAC keys are cached per key object, so the cached signing key is imported once, not on every signature.
 * @param subtle - the SubtleCrypto to use. @default globalThis.crypto.subtle
 * @example
 * const { headers } = await signRequestAsync(req, { ...opts, crypto: webCrypto() });
 */
export function webCrypto(subtle?: unknown): SigV4AsyncCrypto {
  const s = (subtle ?? (globalThis as { crypto?: { subtle?: unknown } }).crypto?.subtle) as SubtleLike | undefined;
  if (s === undefined || typeof s.digest !== 'function' || typeof s.sign !== 'function') {
    throw new SigV4Error('SIGV4_INVALID_CRYPTO', 'sigv4: Web Crypto (crypto.subtle) is not available; it needs a secure context in browsers');
  }
  // Imported keys by key object, with a copy of the bytes so an overwritten key buffer is re-imported.
  const keys = new WeakMap<Uint8Array, { bytes: Uint8Array; key: Promise<unknown> }>();
  const importKey = (key: Uint8Array): Promise<unknown> => {
    let k = keys.get(key);
    if (k === undefined || !sameBytes(k.bytes, key)) {
      const bytes = key.slice();
      k = { bytes, key: s.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']) };
      keys.set(key, k);
    }
    return k.key;
  };
  return {
    async sha256(data) {
      return new Uint8Array(await s.digest('SHA-256', bytesOf(data)));
    },
    async hmac(key, data) {
      return new Uint8Array(await s.sign('HMAC', await importKey(key), bytesOf(data)));
    },
  };
}
