/** `25165824` → `24.0 MiB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

/** `12.0 MiB in 0.31 s (38.7 MiB/s)`. */
export function transferSummary(bytes: number, ms: number): string {
  const s = Math.max(ms, 1) / 1000;
  return `${formatBytes(bytes)} in ${s.toFixed(2)} s (${formatBytes(Math.round(bytes / s))}/s)`;
}
