import { createHash } from 'node:crypto';
import { isAwsServiceError } from '@rawaws/client';
import type { S3TestTarget } from '@rawaws/rgw/global-setup';
import { sseCKey } from '@rawaws/s3';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startSseCUploadServer, type SseCUploadServer } from '../src/server.js';
import type { UploadTicket } from '../src/upload-api.js';

const target: S3TestTarget = inject('s3');

/** Deterministic test bytes (xorshift32), so a failure can be reproduced. */
function seededBytes(n: number, seed: number): Buffer {
  const out = Buffer.alloc(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

// chromium.launch() gives every browser a fresh temporary user-data-dir of its own (and refuses --user-data-dir)
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('SSE-C upload page in headless Chromium against RGW', () => {
  let server: SseCUploadServer;
  let browser: Browser;
  const bucket = `rawaws-ssec-page-${process.pid}`;

  beforeAll(async () => {
    server = await startSseCUploadServer({
      bucket,
      endpoint: target.endpoint,
      region: target.region,
      credentials: { accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey, sessionToken: target.sessionToken },
      env: {},
    });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  });

  afterAll(async () => {
    await browser?.close();
    if (server !== undefined) {
      for await (const o of server.s3.listObjects({ bucket })) await server.s3.deleteObject({ bucket, key: o.key });
      await server.s3.deleteBucket({ bucket });
      await server.close();
    }
  });

  async function openPage(): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (e) => {
      throw e;
    });
    await page.goto(server.url);
    return page;
  }

  it('uploads a chosen file encrypted, reads it back with the key only, and shows it verified', async () => {
    const bytes = seededBytes(3 * 2 ** 20 + 17, 0x5eed);
    const page = await openPage();
    await page.locator('#file').setInputFiles({ name: 'holiday photo (1).bin', mimeType: 'application/octet-stream', buffer: bytes });
    const ticketResponse = page.waitForResponse((r) => r.url().endsWith('/api/uploads'));
    await page.locator('#upload').click();
    const ticket = (await (await ticketResponse).json()) as UploadTicket;
    await page.locator('#status[data-state="verified"], #status[data-state="error"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('#status').textContent()).toMatch(/^Verified: holiday photo \(1\)\.bin is stored encrypted/);
    expect(await page.locator('#key').textContent()).toBe(ticket.sseCKey);
    expect(ticket.objectKey).toMatch(/^uploads\/[0-9a-f-]{36}\/holiday_photo__1_\.bin$/);
    expect(Object.keys(ticket.put.headers).sort()).toEqual([
      'content-type',
      'x-amz-server-side-encryption-customer-algorithm',
      'x-amz-server-side-encryption-customer-key',
      'x-amz-server-side-encryption-customer-key-md5',
    ]);
    await page.screenshot({ path: '/tmp/sse-c-upload.png', fullPage: true });

    // without the key the object cannot be read
    const refused = await server.s3.getObject({ bucket, key: ticket.objectKey }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAwsServiceError(refused)).toBe(true);
    expect((refused as { status: number }).status).toBe(400); // RGW 16: InvalidRequest (AWS: 400 too)
    // with the key: byte-identical
    const back = await (await server.s3.getObject({ bucket, key: ticket.objectKey, sseC: sseCKey(ticket.sseCKey) })).bytes();
    expect(back.length).toBe(bytes.length);
    expect(createHash('sha256').update(back).digest('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
    // the server never stored the key: a wrong key is refused too
    const wrong = await server.s3.getObject({ bucket, key: ticket.objectKey, sseC: sseCKey(Buffer.alloc(32, 7)) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAwsServiceError(wrong)).toBe(true);
    await page.context().close();
  });

  it('shows an error when S3 refuses a tampered upload URL', async () => {
    const page = await openPage();
    // tamper with the ticket in the browser: the presigned signature no longer matches
    await page.route('**/api/uploads', async (route) => {
      const res = await route.fetch();
      const ticket = (await res.json()) as UploadTicket;
      await route.fulfill({ response: res, json: { ...ticket, put: { ...ticket.put, url: ticket.put.url.replace(/X-Amz-Signature=[0-9a-f]/, 'X-Amz-Signature=x') } } });
    });
    const failedPuts: string[] = [];
    page.on('requestfailed', (r) => {
      if (r.url().startsWith(target.endpoint) && r.method() === 'PUT') failedPuts.push(r.failure()?.errorText ?? '?');
    });
    await page.locator('#file').setInputFiles({ name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await page.locator('#upload').click();
    await page.locator('#status[data-state="error"]').waitFor({ timeout: 30_000 });
    // RGW sends its 403 without CORS headers, so the page can only say that S3 refused
    expect(await page.locator('#status').textContent()).toMatch(/^Failed: S3 refused the upload/);
    expect(failedPuts).toHaveLength(1);
    expect(await page.locator('#key-box').isHidden()).toBe(true);
    await page.context().close();
  });

  it('rejects bad API input with 400 before touching S3', async () => {
    const res = await fetch(new URL('/api/uploads', server.url), { method: 'POST', body: JSON.stringify({ name: '', size: -1 }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/name must be a non-empty string/);
    const dl = await fetch(new URL('/api/downloads', server.url), { method: 'POST', body: JSON.stringify({ objectKey: 'uploads/x', sseCKey: 'c2hvcnQ=' }) });
    expect(dl.status).toBe(400);
    expect(((await dl.json()) as { error: string }).error).toMatch(/32 bytes/);
  });
});
