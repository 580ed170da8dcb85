import { describe, expect, it } from 'vitest';
import {
  type CustomerCriterion,
  customerEligibility,
  type EngagementFacts,
  ineligibleReason,
  type PartnerLocationFacts,
  partnerEligibility,
  type TenantFacts,
} from '../../../src/domain/index.ts';

describe('partner eligibility (§6)', () => {
  const location: PartnerLocationFacts = {
    enrolled: true,
    country: 'PL',
    designations: ['Security', 'Modern Work'],
  };
  const engagement: EngagementFacts = {
    kind: 'workshop',
    availability: 'active',
    partnerCriteria: { countries: ['PL', 'SE'], designations: ['Security'] },
  };

  it('eligible when enrolled, active workshop, country listed and designations held', () => {
    expect(partnerEligibility(location, engagement)).toEqual({ eligible: true, reasons: [] });
  });

  it('no criteria: every enrolled location of an active workshop', () => {
    const open = { ...engagement, partnerCriteria: {} };
    expect(partnerEligibility({ enrolled: true, country: 'TR', designations: [] }, open).eligible).toBe(true);
    const empty = { ...engagement, partnerCriteria: { countries: [], designations: [] } };
    expect(partnerEligibility({ enrolled: true, country: 'TR', designations: [] }, empty).eligible).toBe(
      true,
    );
  });

  it('notEnrolled', () => {
    expect(partnerEligibility({ ...location, enrolled: false }, engagement).reasons).toEqual([
      { code: 'notEnrolled' },
    ]);
  });

  it('engagementNotActive carries the availability (an expired one accepts no new add/claim)', () => {
    for (const availability of ['upcoming', 'expired'] as const) {
      expect(partnerEligibility(location, { ...engagement, availability }).reasons).toEqual([
        { code: 'engagementNotActive', availability },
      ]);
    }
  });

  it('notWorkshop carries the kind (R2)', () => {
    expect(partnerEligibility(location, { ...engagement, kind: 'deployment' }).reasons).toEqual([
      { code: 'notWorkshop', kind: 'deployment' },
    ]);
  });

  it('countryNotEligible carries the country and the list; comparison ignores case', () => {
    expect(partnerEligibility({ ...location, country: 'NL' }, engagement).reasons).toEqual([
      { code: 'countryNotEligible', country: 'NL', countries: ['PL', 'SE'] },
    ]);
    expect(partnerEligibility({ ...location, country: 'se' }, engagement).eligible).toBe(true);
  });

  it('designationMissing: one reason per missing designation (all are required)', () => {
    const needsTwo = {
      ...engagement,
      partnerCriteria: { designations: ['Security', 'Infrastructure', 'Data & AI'] },
    };
    expect(partnerEligibility(location, needsTwo).reasons).toEqual([
      { code: 'designationMissing', designation: 'Infrastructure' },
      { code: 'designationMissing', designation: 'Data & AI' },
    ]);
  });

  it('reports every unmet condition at once', () => {
    const codes = partnerEligibility(
      { enrolled: false, country: 'US', designations: [] },
      { ...engagement, kind: 'consumption', availability: 'expired' },
    ).reasons.map((r) => r.code);
    expect(codes).toEqual([
      'notEnrolled',
      'notWorkshop',
      'engagementNotActive',
      'countryNotEligible',
      'designationMissing',
    ]);
  });
});

describe('customer eligibility (§6): each criterion passes, fails, or fails as unknown', () => {
  const tenant: TenantFacts = { country: 'PT', segment: 'SMB', seats: 250, products: ['M365E3', 'Defender'] };
  const unknown: TenantFacts = { country: null, segment: null, seats: null, products: [] };

  const cases: [
    CustomerCriterion,
    pass: TenantFacts,
    fail: TenantFacts,
    failCode: string,
    unknownCode: string | null,
  ][] = [
    [
      { type: 'countryIn', countries: ['PT', 'TR'] },
      tenant,
      { ...tenant, country: 'SE' },
      'countryNotInList',
      'attributeUnknown',
    ],
    [
      { type: 'segmentIn', segments: ['SMB', 'SMC'] },
      tenant,
      { ...tenant, segment: 'Enterprise' },
      'segmentNotInList',
      'attributeUnknown',
    ],
    [
      { type: 'seatsBetween', min: 10, max: 300 },
      tenant,
      { ...tenant, seats: 301 },
      'seatsOutOfRange',
      'attributeUnknown',
    ],
    [
      { type: 'productOwned', product: 'Defender' },
      tenant,
      { ...tenant, products: ['M365E3'] },
      'productNotOwned',
      'productNotOwned',
    ],
    [
      { type: 'productNotOwned', product: 'Sentinel' },
      tenant,
      { ...tenant, products: ['Sentinel'] },
      'productOwned',
      null,
    ],
  ];

  for (const [criterion, pass, fail, failCode, unknownCode] of cases) {
    describe(criterion.type, () => {
      it('passes', () => {
        expect(customerEligibility(pass, [criterion])).toEqual({ eligible: true, failed: [] });
      });
      it(`fails with ${failCode}`, () => {
        expect(customerEligibility(fail, [criterion])).toEqual({
          eligible: false,
          failed: [{ criterion, code: failCode }],
        });
      });
      it(`with unknown attributes: ${unknownCode ?? 'passes'}`, () => {
        const result = customerEligibility(unknown, [criterion]);
        expect(result.eligible).toBe(unknownCode === null);
        expect(result.failed.map((f) => f.code)).toEqual(unknownCode ? [unknownCode] : []);
      });
    });
  }

  it('attributeUnknown names the attribute', () => {
    const criteria: CustomerCriterion[] = [
      { type: 'countryIn', countries: ['PT'] },
      { type: 'segmentIn', segments: ['SMB'] },
      { type: 'seatsBetween', min: 1 },
    ];
    expect(customerEligibility(unknown, criteria).failed.map((f) => f.attribute)).toEqual([
      'country',
      'segment',
      'seats',
    ]);
  });

  it('seat bounds are inclusive and each is optional', () => {
    const range: CustomerCriterion = { type: 'seatsBetween', min: 10, max: 300 };
    for (const [seats, ok] of [
      [9, false],
      [10, true],
      [300, true],
      [301, false],
    ] as const) {
      expect(customerEligibility({ ...tenant, seats }, [range]).eligible).toBe(ok);
    }
    expect(
      customerEligibility({ ...tenant, seats: 1_000_000 }, [{ type: 'seatsBetween', min: 10 }]).eligible,
    ).toBe(true);
    expect(customerEligibility({ ...tenant, seats: 0 }, [{ type: 'seatsBetween', max: 10 }]).eligible).toBe(
      true,
    );
  });

  it('codes compare without case', () => {
    expect(
      customerEligibility({ ...tenant, country: 'pt', segment: 'smb' }, [
        { type: 'countryIn', countries: ['PT'] },
        { type: 'segmentIn', segments: ['SMB'] },
        { type: 'productOwned', product: 'defender' },
      ]).eligible,
    ).toBe(true);
  });

  it('no criteria: eligible; several failures: all reported in order', () => {
    expect(customerEligibility(unknown, [])).toEqual({ eligible: true, failed: [] });
    const failed = customerEligibility({ ...tenant, country: 'SE', products: ['Sentinel'] }, [
      { type: 'productNotOwned', product: 'Sentinel' },
      { type: 'segmentIn', segments: ['SMB'] },
      { type: 'countryIn', countries: ['PT'] },
    ]).failed;
    expect(failed.map((f) => f.code)).toEqual(['productOwned', 'countryNotInList']);
  });
});

describe('R7: exactly one Ineligible reason, completed > consented > criteria', () => {
  const ok = { eligible: true, failed: [] };
  const notMet = customerEligibility({ country: 'SE', segment: null, seats: null, products: [] }, [
    { type: 'countryIn', countries: ['PT'] },
  ]);

  // biome-ignore format: table
  const cases: [completed: boolean, consented: boolean, criteriaMet: boolean, expected: string | null][] = [
    [true,  true,  false, 'completedWithOtherPartner'],
    [true,  true,  true,  'completedWithOtherPartner'],
    [true,  false, false, 'completedWithOtherPartner'],
    [true,  false, true,  'completedWithOtherPartner'],
    [false, true,  false, 'consentedToOtherPartner'],
    [false, true,  true,  'consentedToOtherPartner'],
    [false, false, false, 'criteriaNotMet'],
    [false, false, true,  null],
  ];
  for (const [completed, consented, met, expected] of cases) {
    it(`completed=${completed} consented=${consented} criteriaMet=${met} → ${expected}`, () => {
      const reason = ineligibleReason({
        completedWithOtherPartner: completed,
        consentedToOtherPartner: consented,
        customer: met ? ok : notMet,
      });
      expect(reason?.code ?? null).toBe(expected);
    });
  }

  it('criteriaNotMet says which criterion failed; no reason names another partner', () => {
    const reason = ineligibleReason({
      completedWithOtherPartner: false,
      consentedToOtherPartner: false,
      customer: notMet,
    });
    expect(reason).toEqual({
      code: 'criteriaNotMet',
      failed: [{ criterion: { type: 'countryIn', countries: ['PT'] }, code: 'countryNotInList' }],
    });
    const other = ineligibleReason({
      completedWithOtherPartner: true,
      consentedToOtherPartner: true,
      customer: ok,
    });
    expect(other).toEqual({ code: 'completedWithOtherPartner' });
  });
});
