/**
 * Every store registers its reset here. Locking calls `resetAllStores` so that nothing read from the
 * database stays in memory behind the lock screen.
 */
const resets = new Set<() => void>();

export function registerReset(reset: () => void): void {
  resets.add(reset);
}

export function resetAllStores(): void {
  for (const reset of resets) reset();
}
