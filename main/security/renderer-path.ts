import path from 'node:path';

/**
 * Maps an app:// URL to a file in the built renderer folder, or null for anything outside it
 * (another host, `..` segments, encoded traversal), so the protocol handler can never serve other files.
 */
export function resolveRendererFile(rendererDir: string, requestUrl: string, host: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.host !== host) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0')) return null;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${relative}`);
  return file.startsWith(root + path.sep) ? file : null;
}
