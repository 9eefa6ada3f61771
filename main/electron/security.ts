import { app, session, type WebContents } from 'electron';
import { BLOCKED_URL_PATTERNS, contentSecurityPolicy, isAllowedNetworkUrl } from '../security/csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'reciprocal';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The app makes no network request at all. Every http(s), ws(s) and ftp request is cancelled at the session,
 * except the local dev server while developing. Permissions are denied; new windows and navigation are refused.
 */
export function hardenSession(devServerUrl: string | undefined): void {
  const ses = session.defaultSession;
  ses.webRequest.onBeforeRequest({ urls: BLOCKED_URL_PATTERNS }, (details, callback) => {
    callback({ cancel: !isAllowedNetworkUrl(details.url, devServerUrl) });
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
