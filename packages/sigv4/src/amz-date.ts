import { SigV4Error } from './errors.js';

/**
 * SigV4 timestamps of `date` in UTC: `amzDate` (ISO 8601 basic, `YYYYMMDDTHHMMSSZ`) and `dateStamp` (`YYYYMMDD`).
 * Milliseconds are dropped.
 * @example
 * amzDate(new Date('2015-08-30T12:36:00Z')); // { amzDate: '20150830T123600Z', dateStamp: '20150830' }
 */
let lastSecond = Number.NaN;
let last = { amzDate: '', dateStamp: '' };

export function amzDate(date: Date): { amzDate: string; dateStamp: string } {
  const t = date instanceof Date ? date.getTime() : Number.NaN;
  // Signatures made within the same second share the formatting work.
  const second = Math.floor(t / 1000);
  if (second === lastSecond) return { ...last };
  if (!Number.isFinite(t)) {
    throw new SigV4Error('SIGV4_INVALID_DATE', `sigv4: signing date ${String(date)} is not a valid Date; pass a Date such as new Date()`);
  }
  // toISOString(): 2015-08-30T12:36:00.000Z -> 20150830T123600Z
  const iso = date.toISOString();
  if (iso.length !== 24) {
    throw new SigV4Error('SIGV4_INVALID_DATE', `sigv4: signing date ${iso} is outside years 0000..9999`);
  }
  const stamp = iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10);
  last = { amzDate: `${stamp}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`, dateStamp: stamp };
  lastSecond = second;
  return { ...last };
}
