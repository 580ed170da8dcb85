import type { WorkshopObstacle } from '../app/customers/lookup-customer.ts';
import type { CustomerCriterion, PartnerCriteria, PartnerIneligibility } from '../domain/eligibility.ts';
import type { Locale } from '../i18n/locales.ts';
import { translate } from '../i18n/translate.ts';

// Turns rule codes into localised sentences for the API (spec §6: each failure has a code and a
// localised explanation). Lists are joined the way each language joins them.
const list = (locale: Locale, values: readonly string[]) =>
  new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(values);
const orList = (locale: Locale, values: readonly string[]) =>
  new Intl.ListFormat(locale, { style: 'long', type: 'disjunction' }).format(values);

export function describeCustomerCriterion(locale: Locale, c: CustomerCriterion) {
  const params = { ...c } as Record<string, unknown>;
  switch (c.type) {
    case 'countryIn':
      return {
        type: c.type,
        params,
        description: translate(locale, 'criterion.countryIn', { countries: orList(locale, c.countries) }),
      };
    case 'segmentIn':
      return {
        type: c.type,
        params,
        description: translate(locale, 'criterion.segmentIn', { segments: orList(locale, c.segments) }),
      };
    case 'seatsBetween': {
      const key =
        c.min !== undefined && c.max !== undefined
          ? 'criterion.seatsBetween'
          : c.min !== undefined
            ? 'criterion.seatsAtLeast'
            : 'criterion.seatsAtMost';
      return {
        type: c.type,
        params,
        description: translate(locale, key, { min: c.min ?? 0, max: c.max ?? 0 }),
      };
    }
    case 'productOwned':
      return {
        type: c.type,
        params,
        description: translate(locale, 'criterion.productOwned', { product: c.product }),
      };
    case 'productNotOwned':
      return {
        type: c.type,
        params,
        description: translate(locale, 'criterion.productNotOwned', { product: c.product }),
      };
  }
}

export function describePartnerCriteria(locale: Locale, criteria: PartnerCriteria) {
  const out = [];
  if (criteria.countries?.length) {
    out.push({
      type: 'countries',
      params: { countries: criteria.countries },
      description: translate(locale, 'partnerCriterion.countries', {
        countries: orList(locale, criteria.countries),
      }),
    });
  }
  if (criteria.designations?.length) {
    out.push({
      type: 'designations',
      params: { designations: criteria.designations },
      description: translate(locale, 'partnerCriterion.designations', {
        designations: list(locale, criteria.designations),
      }),
    });
  }
  return out;
}

export function describePartnerReason(locale: Locale, reason: PartnerIneligibility) {
  const params = { ...reason } as Record<string, unknown>;
  delete params.code;
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(params))
    values[k] = Array.isArray(v) ? orList(locale, v as string[]) : String(v);
  return { code: reason.code, params, message: translate(locale, `partnerReason.${reason.code}`, values) };
}

/** A reason a workshop cannot be chosen in the Add customer wizard (R15), as a sentence. */
export function describeObstacle(locale: Locale, obstacle: WorkshopObstacle) {
  switch (obstacle.code) {
    case 'alreadyNominated':
    case 'useClaimCustomer':
      return { code: obstacle.code, message: translate(locale, `lookup.${obstacle.code}`) };
    case 'criteriaNotMet':
    case 'consentedToOtherPartner':
    case 'completedWithOtherPartner':
      return { code: obstacle.code, message: translate(locale, `ineligible.${obstacle.code}`) };
    default:
      return describePartnerReason(locale, obstacle);
  }
}

export interface FailureLike {
  criterion: Record<string, unknown> & { type: string };
  code: string;
  attribute?: string;
}

export function describeFailure(locale: Locale, failure: FailureLike) {
  const c = failure.criterion as Record<string, unknown>;
  const values: Record<string, string> = {
    countries: orList(locale, (c.countries as string[] | undefined) ?? []),
    segments: orList(locale, (c.segments as string[] | undefined) ?? []),
    product: String(c.product ?? ''),
    attribute: failure.attribute ?? '',
  };
  return {
    code: failure.code,
    params: { criterion: failure.criterion },
    message: translate(locale, `criterionFailure.${failure.code}`, values),
  };
}
