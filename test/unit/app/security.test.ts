import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, isAllowedNetworkUrl } from '../../../main/security/csp';
import { resolveRendererFile } from '../../../main/security/renderer-path';

describe('window security rules', () => {
  it('the production CSP allows no connections, no inline script and nothing from elsewhere', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe');
    expect(csp).not.toMatch(/https?:/);
  });

  it('no network URL is allowed outside development, and only the dev server within it', () => {
    for (const url of ['https://example.com/', 'http://localhost:5173/', 'ws://localhost:5173/', 'ftp://x/']) expect(isAllowedNetworkUrl(url)).toBe(false);
    expect(isAllowedNetworkUrl('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
    expect(isAllowedNetworkUrl('ws://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAllowedNetworkUrl('https://localhost.evil.com/', 'http://localhost:5173')).toBe(false);
  });

  it('the app protocol serves only files inside the renderer folder', () => {
    const root = path.resolve('/opt/reciprocal/renderer');
    expect(resolveRendererFile(root, 'app://reciprocal/', 'reciprocal')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://reciprocal/assets/a.js', 'reciprocal')).toBe(path.join(root, 'assets/a.js'));
    // Whatever a URL says, the file served is inside the renderer folder or nothing at all.
    const hostile = [
      'app://reciprocal/../../etc/passwd',
      'app://reciprocal/%2e%2e/%2e%2e/etc/passwd',
      'app://reciprocal/..%2f..%2fsecret',
      'app://reciprocal/..%5c..%5csecret',
    ];
    for (const url of hostile) {
      const file = resolveRendererFile(root, url, 'reciprocal');
      expect(file === null || file.startsWith(root + path.sep), url).toBe(true);
    }
    expect(resolveRendererFile(root, 'app://reciprocal/..%2f..%2fsecret', 'reciprocal')).toBeNull();
    for (const url of ['app://other/index.html', 'app://reciprocal/%E0%A4%A', 'app://reciprocal/a%00.js', 'not a url']) {
      expect(resolveRendererFile(root, url, 'reciprocal'), url).toBeNull();
    }
  });
});
