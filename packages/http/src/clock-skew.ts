/** Smallest change of offset worth a retry: the `Date` header has one-second resolution. */
export const MIN_SKEW_CORRECTION_MS = 1000;

/**
 * The clock offset (server − local, ms) implied by a response's `Date` header, or `undefined` when the header is
 * missing or unparseable. Add it to the local clock to sign with the server's idea of now.
 */
export function clockOffset(dateHeader: string | undefined, localNowMs: number): number | undefined {
  if (!dateHeader) return undefined;
  const server = Date.parse(dateHeader);
  if (Number.isNaN(server)) return undefined;
  return server - localNowMs;
}
