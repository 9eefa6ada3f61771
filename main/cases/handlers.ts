import type { IpcRegistry } from '../ipc/registry';
import type { AppServices } from '../app/services';

/** Handlers for cases (issue 4). */
export function registerCaseHandlers(registry: IpcRegistry, services: AppServices): void {
  void registry;
  void services;
}
