import type { IpcRegistry } from '../ipc/registry';
import type { AppServices } from '../app/services';

/** Handlers for the partners directory (issue 3). */
export function registerDirectoryHandlers(registry: IpcRegistry, services: AppServices): void {
  void registry;
  void services;
}
