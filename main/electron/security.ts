import { app, session, type WebContents } from 'electron';
import { BLOCKED_URL_PATTERNS } from '../security/csp';
import { addCspHeader, cancelNetwork, denyPermission, denyPermissionCheck, denyWindowOpen, keepInsideApp, refuseWebview } from '../security/web-contents-rules';

export const APP_SCHEME = 'app';
export const APP_HOST = 'reciprocal';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The app makes no network request at all. Every http(s), ws(s) and ftp request is cancelled at the session,
 * except the local dev server while developing. Permissions are denied; new windows and navigation are refused.
 */
export function hardenSession(devServerUrl: string | undefined): void {
  const ses = session.defaultSession;
  ses.webRequest.onBeforeRequest({ urls: BLOCKED_URL_PATTERNS }, cancelNetwork(devServerUrl));
  ses.webRequest.onHeadersReceived(addCspHeader(devServerUrl));
  ses.setPermissionRequestHandler(denyPermission);
  ses.setPermissionCheckHandler(denyPermissionCheck);
  ses.setDevicePermissionHandler(denyPermissionCheck);
}

export function hardenWebContents(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  contents.setWindowOpenHandler(denyWindowOpen);
  contents.on('will-navigate', keepInsideApp(isAppUrl));
  contents.on('will-redirect', keepInsideApp(isAppUrl));
  contents.on('will-attach-webview', refuseWebview);
}

export function hardenApp(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(denyWindowOpen);
    contents.on('will-attach-webview', refuseWebview);
  });
}
