/**
 * A cheap first look at a request before zod parses it. Every schema in the contract bounds its own text and lists
 * (test/unit/contract/ipc-bounds.test.ts holds them to it), but zod still walks whatever it is given: a renderer that
 * is broken or compromised could send a list of millions of items or a string of hundreds of megabytes, and main
 * would spend seconds on it with the window frozen. These limits are far above anything a form sends (the largest,
 * a referral, is a few hundred values), so a real request never meets them.
 */
export interface PayloadLimits {
  maxDepth: number;
  /** Values of every kind, counted across the whole request. */
  maxValues: number;
  maxStringLength: number;
  maxArrayLength: number;
  maxKeys: number;
}

export const PAYLOAD_LIMITS: PayloadLimits = {
  maxDepth: 16,
  maxValues: 20_000,
  maxStringLength: 100_000,
  maxArrayLength: 5_000,
  maxKeys: 500,
};

/** True when the payload is larger or deeper than any request the app makes. Never looks at the content. */
export function exceedsLimits(payload: unknown, limits: PayloadLimits = PAYLOAD_LIMITS): boolean {
  let values = 0;
  const stack: [unknown, number][] = [[payload, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (++values > limits.maxValues || depth > limits.maxDepth) return true;
    if (typeof value === 'string') {
      if (value.length > limits.maxStringLength) return true;
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      // Checked before walking, so that a huge list costs nothing to refuse.
      if (value.length > limits.maxArrayLength) return true;
      for (const item of value) stack.push([item, depth + 1]);
      continue;
    }
    let keys = 0;
    for (const key in value) {
      if (++keys > limits.maxKeys || key.length > limits.maxStringLength) return true;
      stack.push([(value as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return false;
}
