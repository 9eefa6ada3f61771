import { scrypt, randomBytes } from 'node:crypto';

export interface ScryptParams {
  name: 'scrypt';
  /** CPU/memory cost; OWASP's minimum for scrypt is 2^17 with r=8, p=1 (128 MiB). */
  N: number;
  r: number;
  p: number;
  salt: string;
}

export const OWASP_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;

export function newScryptParams(): ScryptParams {
  return { name: 'scrypt', ...OWASP_SCRYPT, salt: randomBytes(16).toString('base64') };
}

/** Async, so the key stretch runs on the thread pool and never freezes the window. */
export function deriveKey(secret: string, params: ScryptParams): Promise<Buffer> {
  // The key file's schema refuses these first; checked again here so that no caller can run an unbounded stretch.
  const log2N = Math.log2(params.N);
  if (!Number.isInteger(log2N) || params.N < OWASP_SCRYPT.N || log2N > 20 || params.r < OWASP_SCRYPT.r || params.r > 16 || params.p < 1 || params.p > 4) {
    return Promise.reject(new Error('Key file asks for scrypt parameters outside the accepted range'));
  }
  const maxmem = 128 * params.N * params.r * 2 + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFKC'), Buffer.from(params.salt, 'base64'), 32, { N: params.N, r: params.r, p: params.p, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}
