import type { Api } from '../../contract/channels';

declare global {
  interface Window {
    /** The one bridge to main, built by the preload from the IPC contract. */
    readonly api: Api;
  }
}

export {};
