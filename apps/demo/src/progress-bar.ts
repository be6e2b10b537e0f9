import cliProgress from 'cli-progress';
import type { Writable } from 'node:stream';
import { formatBytes } from './format.js';

/** A byte progress bar: bytes done / total, rate and ETA. Draws only on a terminal. */
export interface ProgressBar {
  update(bytes: number): void;
  stop(): void;
}

/**
 * Starts a progress bar on `stream` (cli-progress); on a non-terminal stream it draws nothing, so logs and tests
 * see only the tour's own summary lines.
 *
 * @example
 * const bar = startProgressBar('upload', size, process.stderr); bar.update(1024); bar.stop();
 */
export function startProgressBar(label: string, total: number, stream: Writable & { isTTY?: boolean }): ProgressBar {
  if (stream.isTTY !== true) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WritableStream,
      format: `   ${label} [{bar}] {percentage}% | {done} / {size} | {rate} | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  const payload = (bytes: number) => ({
    done: formatBytes(bytes),
    size: formatBytes(total),
    rate: `${formatBytes(Math.round(bytes / Math.max((Date.now() - started) / 1000, 0.001)))}/s`,
  });
  bar.start(total, 0, payload(0));
  return {
    update: (bytes) => bar.update(bytes, payload(bytes)),
    stop: () => bar.stop(),
  };
}
