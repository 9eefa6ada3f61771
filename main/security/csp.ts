/**
 * The renderer's Content Security Policy. Production allows only the app's own scripts and styles and no
 * connections at all; the dev server additionally needs its origin, inline scripts and its HMR socket.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  const dev = devServerUrl ? new URL(devServerUrl) : null;
  const self = dev ? `'self' ${dev.origin}` : `'self'`;
  return [
    `default-src 'none'`,
    `script-src ${self}${dev ? ` 'unsafe-inline'` : ''}`,
    `style-src ${self}${dev ? ` 'unsafe-inline'` : ''}`,
    `img-src ${self} data:`,
    `font-src ${self}`,
    `connect-src ${dev ? `${dev.origin} ws://${dev.host}` : `'none'`}`,
    `base-uri 'none'`,
    `form-action 'none'`,
    `frame-ancestors 'none'`,
    `object-src 'none'`,
  ].join('; ');
}

/** Schemes the session cancels outright: the app makes no network request. */
export const BLOCKED_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'];

/** Only the dev server (while developing) may be reached over http or ws. */
export function isAllowedNetworkUrl(url: string, devServerUrl?: string): boolean {
  if (!devServerUrl) return false;
  const dev = new URL(devServerUrl);
  try {
    const target = new URL(url);
    return target.host === dev.host && ['http:', 'ws:'].includes(target.protocol);
  } catch {
    return false;
  }
}
