import { dictionary } from '@zxcvbn-ts/language-common';

// The commonly used passwords of zxcvbn-ts's common dictionary (about 49 000, from breach corpora),
// compared case-insensitively: a new password must not be one of them (issue 15 item 2, ADR 0022).
let common: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}
