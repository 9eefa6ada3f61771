import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { AppEvent } from '../contract/events';
import type { Result } from '../contract/result';
import { buildApi, EVENT_CHANNEL, INVOKE_CHANNEL } from './build-api';

const api = buildApi({
  invoke: (channel, payload) => ipcRenderer.invoke(INVOKE_CHANNEL, channel, payload) as Promise<Result<unknown>>,
  subscribe(listener) {
    const wrapped = (_event: IpcRendererEvent, appEvent: AppEvent) => listener(appEvent);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  },
});

contextBridge.exposeInMainWorld('api', api);
