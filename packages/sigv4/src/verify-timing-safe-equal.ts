/**
 * Compares two strings in time that depends only on their lengths, not on where they first differ
 * (signatures are fixed-length hex, so the length leaks nothing).
 */
export function timingSafeEqualString(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (i < a.length ? a.charCodeAt(i) : 0) ^ (i < b.length ? b.charCodeAt(i) : 0);
  return diff === 0;
}
