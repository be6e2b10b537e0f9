import cliProgress from 'cli-progress';
import { formatBytes } from './format-bytes.js';

/** A byte progress bar: done / total, rate and ETA. */
export interface ProgressBar {
  update(bytes: number): void;
  stop(): void;
}

const NONE: ProgressBar = { update: () => undefined, stop: () => undefined };

/**
 * Starts a cli-progress bar on stderr when stderr is a terminal and `enabled`; otherwise draws nothing (logs and
 * pipes get only the one-line summaries).
 *
 * @example
 * const bar = startProgressBar('upload a.bin', size, true); bar.update(n); bar.stop();
 */
export function startProgressBar(label: string, total: number | undefined, enabled: boolean): ProgressBar {
  if (!enabled || process.stderr.isTTY !== true) return NONE;
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {done} / {size} | {rate} | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  const payload = (bytes: number) => ({
    done: formatBytes(bytes),
    size: total === undefined ? '?' : formatBytes(total),
    rate: `${formatBytes(Math.round(bytes / Math.max((Date.now() - started) / 1000, 0.001)))}/s`,
  });
  bar.start(total ?? 0, 0, payload(0));
  return { update: (bytes) => bar.update(bytes, payload(bytes)), stop: () => bar.stop() };
}
