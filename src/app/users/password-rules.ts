import { DomainError } from '../../domain/errors.ts';
import type { AppContext } from '../ports.ts';

// A new password (issue 15 item 2, ADR 0022): at least 12 characters (code points, so that any script
// counts alike) and not one of the commonly used passwords (the passwords port holds the list).
const MIN_PASSWORD_LENGTH = 12;

export function checkNewPassword(ctx: Pick<AppContext, 'passwords'>, password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH)
    throw new DomainError('UnprocessableEntity', {
      target: 'password',
      details: [{ code: 'PasswordTooShort', target: 'password', params: { min: MIN_PASSWORD_LENGTH } }],
    });
  if (ctx.passwords.isCommon(password))
    throw new DomainError('UnprocessableEntity', {
      target: 'password',
      details: [{ code: 'PasswordTooCommon', target: 'password' }],
    });
}
