import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../main/security/csp';
import { openMainWindow, type MainWindowOptions } from '../../../main/security/window-options';
import {
  addCspHeader,
  cancelNetwork,
  denyPermission,
  denyPermissionCheck,
  denyWindowOpen,
  keepInsideApp,
  refuseWebview,
} from '../../../main/security/web-contents-rules';

/*
 * The window's hardening as the Electron ring installs it (main/electron/index.ts and security.ts call exactly these):
 * the BrowserWindow's preferences, the CSP header, and the refusals of navigation, new windows, webviews, network
 * requests and permissions.
 */

const event = () => {
  const e = { prevented: false, preventDefault: () => (e.prevented = true) };
  return e;
};

describe('the main window', () => {
  it('is isolated, sandboxed and without Node, and refuses everything a page could ask of it', () => {
    let seen: MainWindowOptions | undefined;
    class StandIn {
      constructor(options: MainWindowOptions) {
        seen = options;
      }
    }
    openMainWindow(StandIn, { preload: '/app/preload/index.cjs', devTools: false });
    expect(seen?.webPreferences).toEqual({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      devTools: false,
    });
    expect(seen?.show).toBe(false);
  });

  it('stays on the app: navigation and redirects elsewhere are stopped, new windows and webviews refused', () => {
    const isAppUrl = (url: string) => url.startsWith('app://reciprocal/');
    const guard = keepInsideApp(isAppUrl);
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://reciprocal.evil/', 'javascript:alert(1)', 'data:text/html,x', 'about:blank']) {
      const e = event();
      guard(e, url);
      expect(e.prevented, url).toBe(true);
    }
    const inside = event();
    guard(inside, 'app://reciprocal/index.html#/cases');
    expect(inside.prevented).toBe(false);
    expect(denyWindowOpen()).toEqual({ action: 'deny' });
    const webview = event();
    refuseWebview(webview);
    expect(webview.prevented).toBe(true);
  });

  it('cancels every network request; only the dev server passes while developing', () => {
    const answers: boolean[] = [];
    const cancel = cancelNetwork(undefined);
    for (const url of ['https://example.com/', 'http://127.0.0.1/', 'ws://localhost:5173/', 'wss://x.example/', 'ftp://x/', 'http://localhost:5173/'])
      cancel({ url }, (r) => answers.push(r.cancel));
    expect(answers).toEqual([true, true, true, true, true, true]);
    const dev = cancelNetwork('http://localhost:5173');
    dev({ url: 'http://localhost:5173/src/main.tsx' }, (r) => expect(r.cancel).toBe(false));
    dev({ url: 'https://example.com/' }, (r) => expect(r.cancel).toBe(true));
  });

  it('sends the CSP header on every response, replacing any other', () => {
    let headers: Record<string, string[]> = {};
    addCspHeader(undefined)(
      { responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] } },
      (r) => (headers = r.responseHeaders),
    );
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy()] });
    addCspHeader(undefined)({}, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([contentSecurityPolicy()]);
  });

  it('refuses every permission', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      let granted: boolean | undefined;
      denyPermission(null, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
    }
    expect(denyPermissionCheck()).toBe(false);
  });
});
