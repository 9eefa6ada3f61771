/** Exhaustiveness check for switches over unions: adding a member without handling it fails the typecheck. */
export function missingCase(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
