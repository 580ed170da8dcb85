import type en from '../../src/i18n/web/en.json';

// Message ids are checked at compile time against the English catalogue (the source of truth;
// the other five must have the same keys, which scripts/build-web.mjs verifies).
declare global {
  namespace FormatjsIntl {
    interface Message {
      ids: keyof typeof en;
    }
  }
}
