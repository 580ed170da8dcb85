import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/domain/errors.ts';
import { LOCALES } from '../../src/i18n/locales.ts';
import { SERVER_CATALOGUES, translate } from '../../src/i18n/translate.ts';

// Every error code the API can answer has a localised message in every locale (spec §9).
describe('error messages', () => {
  for (const code of ERROR_CODES) {
    it(`${code} has a message in every locale`, () => {
      for (const locale of LOCALES) {
        expect(SERVER_CATALOGUES[locale][`error.${code}`], `${locale} error.${code}`).toBeTruthy();
        expect(translate(locale, `error.${code}`, { seconds: 5, domains: 'contoso.com' })).not.toBe(
          `error.${code}`,
        );
      }
    });
  }
});
