import type { LockReason } from './session';

/** Events main pushes to the renderer. Kept tiny on purpose: the renderer pulls data through channels. */
export type AppEvent = { type: 'locked'; reason: LockReason } | { type: 'progress'; taskId: string; done: number; total: number; label: string };
