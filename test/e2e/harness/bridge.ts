// Runs inside the page before the app, standing in for the Electron preload: the same `buildApi`, with a
// transport that calls the Playwright binding instead of ipcRenderer.
import { buildApi } from '../../../preload/build-api';
import type { AppEvent } from '../../../contract/events';
import type { Result } from '../../../contract/result';

declare global {
  interface Window {
    __reciprocalInvoke(channel: string, payload: unknown): Promise<Result<unknown>>;
    __reciprocalEmit(event: AppEvent): void;
  }
}

const listeners = new Set<(event: AppEvent) => void>();

Object.defineProperty(window, '__reciprocalEmit', {
  value: (event: AppEvent) => listeners.forEach((l) => l(event)),
  writable: false,
});

Object.defineProperty(window, 'api', {
  value: buildApi({
    invoke: (channel, payload) => window.__reciprocalInvoke(channel, payload),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  }),
  writable: false,
  configurable: false,
});
