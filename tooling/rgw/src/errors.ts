const kMarker = Symbol.for('rawaws.rgw.error');

/**
 * Stable codes of {@link RgwError}.
 * - `RGW_BINARIES_MISSING`: the Ceph binaries are absent and could neither be installed (root) nor unpacked (no root).
 * - `RGW_START_FAILED`: a daemon or setup command failed or did not come up in time (the message names the log file).
 * - `RGW_INVALID_OPTION`: a bad option value, rejected before anything is started.
 * - `RGW_STOP_FAILED`: a daemon did not exit even after SIGKILL.
 */
export type RgwErrorCode = 'RGW_BINARIES_MISSING' | 'RGW_START_FAILED' | 'RGW_INVALID_OPTION' | 'RGW_STOP_FAILED';

/** The one error class of `@rawaws/rgw`. */
export class RgwError extends Error {
  override readonly name = 'RgwError';
  readonly [kMarker] = true;
  readonly code: RgwErrorCode;

  constructor(code: RgwErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
  }
}

/** True for an {@link RgwError} from any installed copy of `@rawaws/rgw`. */
export const isRgwError = (e: unknown): e is RgwError =>
  typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[kMarker] === true;
