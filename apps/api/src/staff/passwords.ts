import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id; the enum is a const enum, which isolated modules cannot import.
const ARGON2ID = 2;

/** argon2id with the library's defaults (OWASP's minimum: 19 MiB, 2 passes). */
export const hashPassword = (password: string) => hash(password, { algorithm: ARGON2ID });

/** A fixed hash to verify against when the account does not exist, so timing does not tell. */
const DUMMY = '$argon2id$v=19$m=19456,t=2,p=1$JlTM8cgb7RvdIL7D6Lazdg$+DFj9fBPHCcDFTYn45j1yxAPBboizV3hBwZW59MAw64';

export async function checkPassword(stored: string | null, password: string): Promise<boolean> {
  try {
    return await verify(stored ?? DUMMY, password);
  } catch {
    return false;
  }
}
