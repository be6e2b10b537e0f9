/** `25165824` → `24.0 MiB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

/** `AKIAIOSFODNN7EXAMPLE` → `AKIA…MPLE`: enough to recognise a key id without printing it whole. */
export function maskKeyId(id: string): string {
  return id.length <= 8 ? '…' : `${id.slice(0, 4)}…${id.slice(-4)}`;
}

/** Throughput of `bytes` moved in `ms` as `MiB/s`. */
export function formatRate(bytes: number, ms: number): string {
  return `${(bytes / 1024 ** 2 / Math.max(ms / 1000, 0.001)).toFixed(1)} MiB/s`;
}
