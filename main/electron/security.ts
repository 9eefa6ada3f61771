import { app, session, type WebContents } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'reciprocal';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Production CSP; the dev server needs its own origin for scripts and the HMR socket. */
export function contentSecurityPolicy(devServerUrl: string | undefined): string {
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

/**
 * The app makes no network request at all. Every http(s), ws(s) and ftp request is cancelled at the session,
 * except the local dev server while developing. Permissions are denied; new windows and navigation are refused.
 */
export function hardenSession(devServerUrl: string | undefined): void {
  const ses = session.defaultSession;
  const devOrigin = devServerUrl ? new URL(devServerUrl).origin : null;
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'] }, (details, callback) => {
    const allowed = devOrigin !== null && (details.url.startsWith(devOrigin) || details.url.startsWith(devOrigin.replace(/^http/, 'ws')));
    callback({ cancel: !allowed });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy(devServerUrl)] } });
  });
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

export function hardenWebContents(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function hardenApp(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
