import { sameBytes, seededBytes, type ContentSpec } from './seeded-bytes.js';

/**
 * What each key may hold after a sequence of writes and deletes, some of which failed: an acknowledged write or
 * delete fixes the state; a failed one adds a possibility (the server may or may not have applied it), but never a
 * partial object.
 */
export class KeyModel {
  /** `null` = absent. A fresh key is absent. */
  private readonly states = new Map<string, (ContentSpec | null)[]>();
  private readonly certain = new Map<string, boolean>();

  private possible(key: string): (ContentSpec | null)[] {
    let s = this.states.get(key);
    if (s === undefined) {
      s = [null];
      this.states.set(key, s);
      this.certain.set(key, true);
    }
    return s;
  }

  /** A write began: until acknowledged, the new content is one more possibility. */
  writeStarted(key: string, spec: ContentSpec): void {
    this.possible(key).push(spec);
    this.certain.set(key, false);
  }

  writeAcknowledged(key: string, spec: ContentSpec): void {
    this.states.set(key, [spec]);
    this.certain.set(key, true);
  }

  deleteStarted(key: string): void {
    this.possible(key).push(null);
    this.certain.set(key, false);
  }

  deleteAcknowledged(key: string): void {
    this.states.set(key, [null]);
    this.certain.set(key, true);
  }

  /** Contents the key may hold (not counting absence). */
  presentCandidates(key: string): ContentSpec[] {
    return this.possible(key).filter((s): s is ContentSpec => s !== null);
  }

  mayBeAbsent(key: string): boolean {
    return this.possible(key).includes(null);
  }

  /**
   * Judges what the server returned for `key` (`null` = 404): `ok` if it is one of the possible states, `lost` if the
   * last operation was acknowledged and the server disagrees, `partial` if a failed write left something else.
   */
  judge(key: string, got: Uint8Array | null): 'ok' | 'lost' | 'partial' {
    const states = this.possible(key);
    const ok = states.some((s) => (s === null ? got === null : got !== null && got.length === s.size && sameBytes(got, seededBytes(s))));
    if (ok) return 'ok';
    return this.certain.get(key) === true ? 'lost' : 'partial';
  }
}
