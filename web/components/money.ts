import type { IntlShape } from 'react-intl';

// Amounts of money, the one way the pages show them (payout rates, expected payouts, the engagement
// editor): the API sends minor units (cents) and an ISO 4217 code; the UI language writes the amount.

const digitsByCurrency = new Map<string, number | null>();

/** Digits after the decimal point of a currency (2 for USD, 0 for JPY); null for a code Intl refuses. */
function currencyDigits(currency: string): number | null {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    try {
      const options = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions();
      digits = options.maximumFractionDigits ?? 2;
    } catch {
      digits = null;
    }
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/** Digits after the decimal point of a currency; 2 for a code that is not one (e.g. being typed). */
export function minorDigits(currency: string): number {
  return currencyDigits(currency) ?? 2;
}

/** An amount in minor units in the UI language: 500000 USD → "$5,000.00" (en), "5000,00 USD" (pl). */
export function formatMoney(intl: IntlShape, amountMinor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === null) {
    // Not a currency code Intl takes: the number with two decimals and the code as it is.
    const amount = intl.formatNumber(amountMinor / 100, {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    return `${amount} ${currency}`;
  }
  return intl.formatNumber(amountMinor / 10 ** digits, { style: 'currency', currency });
}
