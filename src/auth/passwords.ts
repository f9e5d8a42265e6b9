import * as argon2 from 'argon2';

/**
 * argon2id with the first of OWASP's equivalent minimum settings (46 MiB, 1 pass, ~55 ms a login
 * here) rather than 19 MiB × 2 passes: glibc hands out and takes back a block above 32 MiB with
 * mmap every time, whereas a 19 MiB block, once freed, raises malloc's mmap threshold and then stays
 * resident in each worker thread's arena (up to 4 × 19 MiB of RSS kept for nothing; issue 9).
 */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 47_104, timeCost: 1, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

/** False on a mismatch and on a malformed hash (never throws). */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
