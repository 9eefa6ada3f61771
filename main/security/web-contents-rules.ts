import { contentSecurityPolicy, isAllowedNetworkUrl } from './csp';

/*
 * What the window is allowed to do, as plain functions: main/electron/security.ts installs them on the session and
 * the window, and test/unit/security tests them without Electron.
 */

/** New windows, from window.open or a link with a target, are refused. */
export const denyWindowOpen = (): { action: 'deny' } => ({ action: 'deny' });

interface PreventableEvent {
  preventDefault(): void;
}

/** Navigation and redirects stay inside the app; anything else is stopped. */
export function keepInsideApp(isAppUrl: (url: string) => boolean): (event: PreventableEvent, url: string) => void {
  return (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
}

/** <webview> is never attached. */
export const refuseWebview = (event: PreventableEvent): void => event.preventDefault();

/** Every network request is cancelled, except the dev server while developing. */
export function cancelNetwork(devServerUrl: string | undefined): (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void {
  return (details, callback) => callback({ cancel: !isAllowedNetworkUrl(details.url, devServerUrl) });
}

/** Every response carries the CSP header, whatever it said before. */
export function addCspHeader(
  devServerUrl: string | undefined,
): (details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders: Record<string, string[]> }) => void) => void {
  const policy = contentSecurityPolicy(devServerUrl);
  return (details, callback) => {
    const headers = Object.fromEntries(Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'));
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [policy] } });
  };
}

/** Camera, microphone, notifications, geolocation, devices: all refused. */
export const denyPermission = (_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void => callback(false);
export const denyPermissionCheck = (): boolean => false;
