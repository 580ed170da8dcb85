import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../../app/ports.ts';
import { isCommonPassword } from './common-passwords.ts';

// argon2id with the library's defaults (OWASP's minimum: m=19 MiB, t=2, p=1).
export const argon2Hasher: PasswordHasher = {
  hash: (password) => hash(password),
  verify: async (stored, password) => {
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  },
  isCommon: isCommonPassword,
};
