/**
 * Opens the main window. The options are a literal at the `new BrowserWindow(...)` itself, so that
 * @doyensec/electronegativity (which reads the source) sees each of them, and a test holds every security-relevant
 * preference to its value by passing a stand-in for the class. Each preference is spelled out even where it is
 * Electron's default: a default that changes in a later Electron must not change this window.
 * The class is passed in so that this module stays plain Node: only main/electron/ imports electron.
 */
export function openMainWindow<W>(BrowserWindow: new (options: MainWindowOptions) => W, options: { preload: string; devTools: boolean }): W {
  return new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Reciprocal',
    backgroundColor: '#f6f7f9',
    webPreferences: {
      // The one narrow bridge: preload/index.ts exposes only the frozen `api` built from the contract.
      preload: options.preload,
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
      // A middle click must not open a link in a new window (electronegativity's AUXCLICK check).
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      devTools: options.devTools,
    },
  });
}

export interface MainWindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  title: string;
  backgroundColor: string;
  webPreferences: {
    preload: string;
    contextIsolation: boolean;
    sandbox: boolean;
    nodeIntegration: boolean;
    nodeIntegrationInWorker: boolean;
    nodeIntegrationInSubFrames: boolean;
    webSecurity: boolean;
    allowRunningInsecureContent: boolean;
    experimentalFeatures: boolean;
    webviewTag: boolean;
    navigateOnDragDrop: boolean;
    safeDialogs: boolean;
    disableBlinkFeatures: string;
    spellcheck: boolean;
    devTools: boolean;
  };
}
