import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';

// Every buffer a decipher hands back, so that the test can look at them after the key file code is done with them.
const outputs = vi.hoisted(() => [] as Buffer[]);

vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  const createDecipheriv = ((...args: Parameters<typeof real.createDecipheriv>) => {
    const decipher = real.createDecipheriv(...args);
    const update = decipher.update.bind(decipher) as (data: Buffer) => Buffer;
    const final = decipher.final.bind(decipher) as () => Buffer;
    Object.assign(decipher, {
      update: (data: Buffer) => {
        const out = update(data);
        outputs.push(out);
        return out;
      },
      final: () => {
        const out = final();
        outputs.push(out);
        return out;
      },
    });
    return decipher;
  }) as typeof real.createDecipheriv;
  return { ...real, default: { ...real, createDecipheriv }, createDecipheriv };
});

const { createKeyFile, unwrapKey } = await import('../../../main/vault/key-file');

describe('unwrapping the data key', () => {
  it('zeroes the decipher’s own copies of the key, leaving only the one the caller zeroes', async () => {
    const dataKey = randomBytes(32);
    const file = await createKeyFile(dataKey, 'a long enough passphrase', 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH', new Date());
    outputs.length = 0;
    const unwrapped = await unwrapKey(file, 'a long enough passphrase', 'passphrase');
    expect(unwrapped?.equals(dataKey)).toBe(true);
    expect(outputs.length).toBeGreaterThan(0);
    for (const out of outputs) expect(out.every((b) => b === 0)).toBe(true);
  });

  it('returns null for a wrong secret and zeroes what the decipher produced', async () => {
    const file = await createKeyFile(randomBytes(32), 'a long enough passphrase', 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH', new Date());
    outputs.length = 0;
    expect(await unwrapKey(file, 'not the passphrase at all', 'passphrase')).toBeNull();
    for (const out of outputs) expect(out.every((b) => b === 0)).toBe(true);
  });
});
