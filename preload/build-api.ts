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
    api[ns][method] = (payload: unknown) => transport.invoke(name, withoutUndefined(payload ?? {}));
  }
  for (const ns of Object.values(api)) Object.freeze(ns);
  return Object.freeze({ ...api, onEvent: (listener: (event: AppEvent) => void) => transport.subscribe(listener) }) as unknown as Api;
}

/**
 * Drops keys whose value is `undefined` from what the renderer sends, as JSON would. Electron's IPC keeps them, and
 * main refuses any (VALIDATION): a form that leaves an optional field `undefined` means "not given", so it is
 * normalised here, once, for every channel.
 */
export function withoutUndefined(value: unknown, depth = 0): unknown {
  if (depth > 20 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => withoutUndefined(item, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = withoutUndefined(item, depth + 1);
  return out;
}

export const INVOKE_CHANNEL = 'reciprocal:invoke';
export const EVENT_CHANNEL = 'reciprocal:event';
