import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appProtocolHandler } from '../../../main/security/app-response';
import { contentSecurityPolicy } from '../../../main/security/csp';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-renderer-'));
fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Reciprocal</title>');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// The same shape as Electron's net.fetch of a file URL: a Response with the file's body and a content type.
const handler = appProtocolHandler({
  rendererDir: dir,
  host: 'reciprocal',
  fetchFile: async (file) => new Response(fs.readFileSync(file), { status: 200, headers: { 'content-type': 'text/html' } }),
});

describe('the app:// protocol handler', () => {
  it('returns the production CSP as a header with the page', async () => {
    const res = await handler(new Request('app://reciprocal/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(await res.text()).toContain('<title>Reciprocal</title>');
  });

  it('refuses paths outside the renderer folder, with the same headers', async () => {
    for (const url of [
      'app://reciprocal/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'app://reciprocal/..%2f..%2fsecret',
      'app://reciprocal/index.html%00',
      'app://elsewhere/index.html',
    ]) {
      const res = await handler(new Request(url));
      expect(res.status).toBe(404);
      expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    }
  });
});
