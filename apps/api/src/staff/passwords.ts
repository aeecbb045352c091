// argon2's native module is loaded at the first sign-in or password change, not at start (issue 15: idle memory).
const argon2 = () => import('@node-rs/argon2');

// Algorithm.Argon2id; the enum is a const enum, which isolated modules cannot import.
const ARGON2ID = 2;

/** argon2id with the library's defaults (OWASP's minimum: 19 MiB, 2 passes). */
export const hashPassword = async (password: string) => (await argon2()).hash(password, { algorithm: ARGON2ID });

/** A fixed hash to verify against when the account does not exist, so timing does not tell. */
const DUMMY = '$argon2id$v=19$m=19456,t=2,p=1$JlTM8cgb7RvdIL7D6Lazdg$+DFj9fBPHCcDFTYn45j1yxAPBboizV3hBwZW59MAw64';

export async function checkPassword(stored: string | null, password: string): Promise<boolean> {
  try {
    return await (await argon2()).verify(stored ?? DUMMY, password);
  } catch {
    return false;
  }
}
