import { channelNames, type Api } from '../contract/channels';
import type { AppEvent } from '../contract/events';
import type { Result } from '../contract/result';

export interface Transport {
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: AppEvent) => void): () => void;
}

/**
 * Builds the one `api` object the renderer sees, from the contract's channel names. Only these
 * functions cross the bridge: never ipcRenderer itself. Shared by the Electron preload and the e2e harness.
 */
export function buildApi(transport: Transport): Api {
  const api: Record<string, Record<string, unknown>> = {};
  for (const name of channelNames) {
    const [ns, method] = name.split('.') as [string, string];
    api[ns] ??= {};
    api[ns][method] = (payload: unknown) => transport.invoke(name, payload ?? {});
  }
  for (const ns of Object.values(api)) Object.freeze(ns);
  return Object.freeze({ ...api, onEvent: (listener: (event: AppEvent) => void) => transport.subscribe(listener) }) as unknown as Api;
}

export const INVOKE_CHANNEL = 'reciprocal:invoke';
export const EVENT_CHANNEL = 'reciprocal:event';
