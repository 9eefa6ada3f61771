import { resolveRendererFile } from './renderer-path';
import { contentSecurityPolicy } from './csp';

/**
 * Headers on every app:// response. The CSP is set here as well as in the page's meta tag: the session's
 * `webRequest.onHeadersReceived` does not fire for custom protocols (electron/electron#6021), so without this only the
 * meta tag would protect the window.
 */
export function securityHeaders(csp = contentSecurityPolicy()): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}

/**
 * The app:// protocol handler, without Electron: `fetchFile` is `net.fetch` of a file URL in the app, a file read in
 * the test. Paths outside the renderer folder get a 404, with the same headers.
 */
export function appProtocolHandler(options: { rendererDir: string; host: string; fetchFile(file: string): Promise<Response>; csp?: string }) {
  const headers = securityHeaders(options.csp);
  return async (request: Request): Promise<Response> => {
    const file = resolveRendererFile(options.rendererDir, request.url, options.host);
    if (!file) return new Response('Not found', { status: 404, headers });
    const response = await options.fetchFile(file);
    const merged = new Headers(response.headers);
    for (const [name, value] of Object.entries(headers)) merged.set(name, value);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers: merged });
  };
}
