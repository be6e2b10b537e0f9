import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PartBufferPool, partSource, StreamChunker } from './part-source.js';

async function* pieces(sizes: number[]): AsyncGenerator<Uint8Array> {
  let v = 0;
  for (const n of sizes) yield new Uint8Array(n).map(() => v++ & 0xff);
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('part sources', () => {
  it('the buffer pool hands back returned buffers instead of allocating', () => {
    const pool = new PartBufferPool(16);
    const a = pool.take(16);
    const b = pool.take(10);
    expect(b.length).toBe(10);
    pool.give(a);
    pool.give(b);
    pool.give(new Uint8Array(8)); // not ours: ignored
    const c = pool.take(16);
    const d = pool.take(3);
    expect([c.buffer, d.buffer]).toContain(a.buffer);
    expect([c.buffer, d.buffer]).toContain(b.buffer);
    expect(pool.take(16).buffer).not.toBe(a.buffer);
  });

  it('re-chunks a stream into exact part sizes whatever the input chunking', async () => {
    const c = new StreamChunker(pieces([3, 7, 1, 0, 12, 2]));
    const sizes: number[] = [];
    for (let p = await c.read(10); p !== undefined; p = await c.read(10)) sizes.push(p.length);
    expect(sizes).toEqual([10, 10, 5]);
  });

  it('numbers parts, skips done ones (reading past them), and keeps the bytes in order', async () => {
    const parts = await collect(partSource({ kind: 'stream', stream: pieces([4, 4, 4, 3]), size: undefined }, 5, { skip: new Set([2]) }));
    expect(parts.map((p) => [p.partNumber, p.bytes.length])).toEqual([[1, 5], [3, 5]]);
    expect(parts[1]?.bytes[0]).toBe(10);
  });

  it('bytes and files are sliced lazily by part', async () => {
    const bytes = new Uint8Array(23).map((_, i) => i);
    const fromBytes = await collect(partSource({ kind: 'bytes', bytes, size: 23 }, 10));
    expect(fromBytes.map((p) => p.bytes.length)).toEqual([10, 10, 3]);
    const dir = await mkdtemp(join(tmpdir(), 'rawaws-parts-'));
    try {
      await writeFile(join(dir, 'f'), bytes);
      const fromFile = await collect(partSource({ kind: 'file', path: join(dir, 'f'), size: 23 }, 10, { skip: new Set([1]) }));
      expect(fromFile.map((p) => [p.partNumber, Buffer.from(p.bytes).toString('hex')])).toEqual([
        [2, Buffer.from(bytes.subarray(10, 20)).toString('hex')],
        [3, Buffer.from(bytes.subarray(20)).toString('hex')],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
