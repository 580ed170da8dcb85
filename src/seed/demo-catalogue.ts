import { demoId } from './ids.ts';

// The static part of the demo (spec §8): partners, locations, users, markets, the engagement
// catalogue and the customer directory. Records that move through the lifecycle are in
// demo-scenarios.ts. Every object has a stable key; its id is demoId('<table>:<key>').

export type Market = 'A' | 'B' | 'C';

/** Country → payout market (A/B/C) for every country the demo directory uses, and a few more. */
export const MARKETS: Readonly<Record<string, Market>> = {
  US: 'A',
  CA: 'A',
  GB: 'A',
  IE: 'A',
  DE: 'A',
  FR: 'A',
  NL: 'A',
  BE: 'A',
  CH: 'A',
  AT: 'A',
  SE: 'A',
  DK: 'A',
  NO: 'A',
  FI: 'A',
  AU: 'A',
  JP: 'A',
  PL: 'B',
  ES: 'B',
  IT: 'B',
  PT: 'B',
  CZ: 'B',
  BR: 'B',
  MX: 'B',
  KR: 'B',
  TR: 'C',
  AR: 'C',
  IN: 'C',
  ZA: 'C',
  ID: 'C',
  VN: 'C',
};

// ── Partners and locations ──────────────────────────────────────────────────

export const PARTNERS = [
  { key: 'trey', name: 'Trey Research' },
  { key: 'proseware', name: 'Proseware, Inc.' },
] as const;
export type PartnerKey = (typeof PARTNERS)[number]['key'];

export interface LocationSeed {
  key: string;
  partner: PartnerKey;
  mpnId: string;
  name: string;
  country: string;
  designations: readonly string[];
  /** Days before `now` the location enrolled; null: not enrolled (no enrolments row). */
  enrolledDaysAgo: number | null;
}

export const LOCATIONS = [
  // Enrolled, eligible for every active workshop (all designations, US).
  {
    key: 'trey-seattle',
    partner: 'trey',
    mpnId: '6120451',
    name: 'Trey Research – Seattle',
    country: 'US',
    designations: ['security', 'infrastructure', 'data-ai', 'modern-work', 'business-applications'],
    enrolledDaysAgo: 420,
  },
  // Enrolled; security + modern work only, so not eligible for Data & AI and Business Applications.
  {
    key: 'trey-warsaw',
    partner: 'trey',
    mpnId: '6120452',
    name: 'Trey Research – Warsaw',
    country: 'PL',
    designations: ['security', 'modern-work'],
    enrolledDaysAgo: 310,
  },
  // Not enrolled in the MCI program: can act on nothing.
  {
    key: 'trey-utrecht',
    partner: 'trey',
    mpnId: '6120453',
    name: 'Trey Research – Utrecht',
    country: 'NL',
    designations: ['data-ai', 'infrastructure'],
    enrolledDaysAgo: null,
  },
  // Enrolled but not eligible for the Security workshops (no security designation) nor for the
  // Azure Migration Workshop (BR is not in its partner countries).
  {
    key: 'trey-sao-paulo',
    partner: 'trey',
    mpnId: '6120454',
    name: 'Trey Research – São Paulo',
    country: 'BR',
    designations: ['modern-work'],
    enrolledDaysAgo: 200,
  },
  {
    key: 'proseware-chicago',
    partner: 'proseware',
    mpnId: '7345001',
    name: 'Proseware – Chicago',
    country: 'US',
    designations: ['security', 'infrastructure', 'data-ai', 'business-applications'],
    enrolledDaysAgo: 500,
  },
  {
    key: 'proseware-stockholm',
    partner: 'proseware',
    mpnId: '7345002',
    name: 'Proseware – Stockholm',
    country: 'SE',
    designations: ['security', 'modern-work'],
    enrolledDaysAgo: 350,
  },
] as const satisfies readonly LocationSeed[];
export type LocationKey = (typeof LOCATIONS)[number]['key'];

// ── Users ───────────────────────────────────────────────────────────────────

export type UserKey = 'ada' | 'ben' | 'cleo' | 'dan' | 'olga' | 'finn' | 'gita';

export interface UserSeed {
  key: UserKey;
  email: string;
  displayName: string;
  partner: PartnerKey | null;
  isAccountAdmin: boolean;
  /** Incentive roles, per location (R33). */
  roles: { location: LocationKey; role: 'incentivesAdmin' | 'incentivesUser' }[];
  /** Shown at start-up and in the README (the five personas of spec §8); null: not a persona. */
  persona: string | null;
  phone: string | null;
}

const TREY_LOCATIONS = LOCATIONS.filter((l) => l.partner === 'trey').map((l) => l.key);
const PROSEWARE_LOCATIONS = LOCATIONS.filter((l) => l.partner === 'proseware').map((l) => l.key);

export const USERS: readonly UserSeed[] = [
  {
    key: 'ada',
    email: 'ada@treyresearch.example',
    displayName: 'Ada Ruiz',
    partner: 'trey',
    isAccountAdmin: false,
    roles: TREY_LOCATIONS.map((location) => ({ location, role: 'incentivesAdmin' as const })),
    persona: 'Incentives admin on every Trey Research location',
    phone: '+1 425 555 0142',
  },
  {
    key: 'ben',
    email: 'ben@treyresearch.example',
    displayName: 'Ben Kowalski',
    partner: 'trey',
    isAccountAdmin: false,
    roles: [{ location: 'trey-warsaw', role: 'incentivesUser' }],
    persona: 'Incentives user on Trey Research – Warsaw only',
    phone: '+48 22 555 0117',
  },
  {
    key: 'cleo',
    email: 'cleo@treyresearch.example',
    displayName: 'Cleo Jansen',
    partner: 'trey',
    isAccountAdmin: true,
    roles: [],
    persona: 'Account admin of Trey Research (no incentive role)',
    phone: null,
  },
  {
    key: 'dan',
    email: 'dan@proseware.example',
    displayName: 'Dan Yilmaz',
    partner: 'proseware',
    isAccountAdmin: false,
    roles: PROSEWARE_LOCATIONS.map((location) => ({ location, role: 'incentivesAdmin' as const })),
    persona: 'Incentives admin on every Proseware location',
    phone: '+1 312 555 0188',
  },
  {
    key: 'olga',
    email: 'olga@program.example',
    displayName: 'Olga Svensson',
    partner: null,
    isAccountAdmin: false,
    roles: [],
    persona: 'Program operator',
    phone: null,
  },
  // Trey Research colleagues without any role: someone for Cleo to assign roles to.
  {
    key: 'finn',
    email: 'finn@treyresearch.example',
    displayName: 'Finn Berg',
    partner: 'trey',
    isAccountAdmin: false,
    roles: [],
    persona: null,
    phone: null,
  },
  {
    key: 'gita',
    email: 'gita@treyresearch.example',
    displayName: 'Gita Patel',
    partner: 'trey',
    isAccountAdmin: false,
    roles: [],
    persona: null,
    phone: null,
  },
];

export const DEMO_PASSWORD = 'demo';

// ── Engagement catalogue ────────────────────────────────────────────────────

type CustomerCriterionSeed =
  | { type: 'countryIn'; countries: readonly string[] }
  | { type: 'segmentIn'; segments: readonly string[] }
  | { type: 'seatsBetween'; min: number; max: number }
  | { type: 'productOwned'; product: string }
  | { type: 'productNotOwned'; product: string };

interface PoeRequirements {
  findingsReport: boolean;
  invoice: boolean;
  partnerSurvey: boolean;
  customerSurvey: boolean;
}

export interface EngagementSeed {
  code: string;
  name: string;
  kind: 'workshop' | 'deployment' | 'consumption';
  solutionArea: 'Security' | 'Modern Work' | 'Infrastructure' | 'Data & AI' | 'Business Applications';
  availability: 'upcoming' | 'active' | 'expired';
  description: string;
  partnerCriteria: { countries?: readonly string[]; designations?: readonly string[] };
  customerCriteria: readonly CustomerCriterionSeed[];
  poe: PoeRequirements;
  /** Payout per market in minor units (USD cents). */
  rates: Readonly<Record<Market, number>>;
}

const ALL_POE: PoeRequirements = {
  findingsReport: true,
  invoice: true,
  partnerSurvey: true,
  customerSurvey: true,
};
const EUROPE_AND_NORTH_AMERICA = [
  'US',
  'CA',
  'GB',
  'IE',
  'DE',
  'FR',
  'NL',
  'BE',
  'CH',
  'AT',
  'SE',
  'DK',
  'NO',
  'FI',
  'PL',
  'ES',
  'IT',
  'PT',
  'CZ',
];

/** The first one is the showcase: every §5 status and every Ineligible reason occurs on it for Trey Research. */
export const ENGAGEMENTS = [
  {
    code: 'SEC-WS',
    name: 'Security Workshop',
    kind: 'workshop',
    solutionArea: 'Security',
    availability: 'active',
    description:
      'Assess the customer’s security posture with Microsoft Defender and Microsoft Entra, and agree on a prioritised roadmap.',
    partnerCriteria: { designations: ['security'] },
    customerCriteria: [
      { type: 'seatsBetween', min: 100, max: 500000 },
      { type: 'productNotOwned', product: 'Microsoft Sentinel' },
    ],
    poe: ALL_POE,
    rates: { A: 500000, B: 375000, C: 250000 },
  },
  {
    code: 'SEC-TP',
    name: 'Threat Protection Workshop',
    kind: 'workshop',
    solutionArea: 'Security',
    availability: 'active',
    description: 'Discover active threats in the customer’s cloud environment and plan the response.',
    partnerCriteria: { designations: ['security'], countries: EUROPE_AND_NORTH_AMERICA },
    customerCriteria: [{ type: 'countryIn', countries: EUROPE_AND_NORTH_AMERICA }],
    poe: ALL_POE,
    rates: { A: 400000, B: 300000, C: 200000 },
  },
  {
    code: 'MW-COP',
    name: 'Microsoft 365 Copilot Workshop',
    kind: 'workshop',
    solutionArea: 'Modern Work',
    availability: 'active',
    description: 'Envision Microsoft 365 Copilot scenarios with business decision makers and plan adoption.',
    partnerCriteria: { designations: ['modern-work'] },
    customerCriteria: [
      { type: 'seatsBetween', min: 10, max: 100000 },
      { type: 'productNotOwned', product: 'Microsoft 365 Copilot' },
    ],
    poe: ALL_POE,
    rates: { A: 450000, B: 340000, C: 220000 },
  },
  {
    code: 'MW-EPM',
    name: 'Endpoint Management Workshop',
    kind: 'workshop',
    solutionArea: 'Modern Work',
    availability: 'active',
    description:
      'Show how Microsoft Intune manages and protects the customer’s devices. No customer survey needed.',
    partnerCriteria: {},
    customerCriteria: [{ type: 'seatsBetween', min: 25, max: 1000000 }],
    poe: { ...ALL_POE, customerSurvey: false },
    rates: { A: 300000, B: 225000, C: 150000 },
  },
  {
    code: 'INF-MIG',
    name: 'Azure Migration Workshop',
    kind: 'workshop',
    solutionArea: 'Infrastructure',
    availability: 'active',
    description: 'Assess on-premises workloads and build a migration plan to Azure.',
    partnerCriteria: { countries: EUROPE_AND_NORTH_AMERICA },
    customerCriteria: [
      { type: 'countryIn', countries: [...EUROPE_AND_NORTH_AMERICA, 'TR', 'AU', 'JP'] },
      { type: 'productOwned', product: 'Azure' },
    ],
    poe: ALL_POE,
    rates: { A: 600000, B: 450000, C: 300000 },
  },
  {
    code: 'DAI-ENV',
    name: 'Data & AI Envisioning Workshop',
    kind: 'workshop',
    solutionArea: 'Data & AI',
    availability: 'active',
    description:
      'Identify the customer’s highest-value data and AI use cases and the platform to deliver them.',
    partnerCriteria: { designations: ['data-ai'] },
    customerCriteria: [{ type: 'segmentIn', segments: ['enterprise', 'corporate', 'public-sector'] }],
    poe: ALL_POE,
    rates: { A: 550000, B: 410000, C: 275000 },
  },
  {
    code: 'BA-D365',
    name: 'Dynamics 365 Customer Engagement Workshop',
    kind: 'workshop',
    solutionArea: 'Business Applications',
    availability: 'active',
    description: 'Map sales and service processes to Dynamics 365 and agree on a pilot.',
    partnerCriteria: { designations: ['business-applications'] },
    customerCriteria: [{ type: 'segmentIn', segments: ['enterprise', 'corporate', 'smb'] }],
    poe: ALL_POE,
    rates: { A: 350000, B: 260000, C: 175000 },
  },
  {
    code: 'BA-PP',
    name: 'Power Platform Workshop',
    kind: 'workshop',
    solutionArea: 'Business Applications',
    availability: 'active',
    description: 'Find processes to automate with Power Apps and Power Automate, and build a first app.',
    partnerCriteria: {},
    customerCriteria: [{ type: 'seatsBetween', min: 50, max: 200000 }],
    poe: ALL_POE,
    rates: { A: 250000, B: 190000, C: 125000 },
  },
  {
    code: 'DAI-AGENTS',
    name: 'Copilot Studio Agents Workshop',
    kind: 'workshop',
    solutionArea: 'Data & AI',
    availability: 'upcoming',
    description: 'Design and prototype agents with Copilot Studio. Opens next quarter.',
    partnerCriteria: { designations: ['data-ai'] },
    customerCriteria: [{ type: 'productOwned', product: 'Azure' }],
    poe: ALL_POE,
    rates: { A: 500000, B: 375000, C: 250000 },
  },
  {
    code: 'MW-W11',
    name: 'Windows 11 Readiness Workshop',
    kind: 'workshop',
    solutionArea: 'Modern Work',
    availability: 'expired',
    description: 'Plan the move to Windows 11. No longer open for new customers; running records continue.',
    partnerCriteria: {},
    customerCriteria: [{ type: 'seatsBetween', min: 50, max: 1000000 }],
    poe: ALL_POE,
    rates: { A: 200000, B: 150000, C: 100000 },
  },
  {
    code: 'INF-DEPLOY',
    name: 'Azure Infrastructure Deployment',
    kind: 'deployment',
    solutionArea: 'Infrastructure',
    availability: 'active',
    description: 'Paid per deployed workload. Not a workshop: it has no Customers page.',
    partnerCriteria: { designations: ['infrastructure'] },
    customerCriteria: [],
    poe: ALL_POE,
    rates: { A: 800000, B: 600000, C: 400000 },
  },
  {
    code: 'MW-DEPLOY',
    name: 'Microsoft 365 Deployment Accelerator',
    kind: 'deployment',
    solutionArea: 'Modern Work',
    availability: 'active',
    description: 'Paid per activated seat band. Not a workshop: it has no Customers page.',
    partnerCriteria: { designations: ['modern-work'] },
    customerCriteria: [],
    poe: ALL_POE,
    rates: { A: 700000, B: 525000, C: 350000 },
  },
  {
    code: 'AZ-CONS',
    name: 'Azure Consumption Accelerator',
    kind: 'consumption',
    solutionArea: 'Infrastructure',
    availability: 'active',
    description: 'Paid on the customer’s Azure consumption growth. Not a workshop: it has no Customers page.',
    partnerCriteria: {},
    customerCriteria: [],
    poe: ALL_POE,
    rates: { A: 1000000, B: 750000, C: 500000 },
  },
] as const satisfies readonly EngagementSeed[];
export type EngagementCode = (typeof ENGAGEMENTS)[number]['code'];

// ── Customer directory ──────────────────────────────────────────────────────

type Segment = 'enterprise' | 'smb' | 'corporate' | 'public-sector' | 'education';

export interface TenantSeed {
  key: string;
  name: string;
  /** First one is the primary domain (used for contact addresses). */
  domains: readonly string[];
  tpid: number;
  country: string;
  segment: Segment;
  seats: number;
  products: readonly string[];
  /** The customer's IT contact, used on consent requests and surveys. */
  contact: { name: string; local: string };
}

const M365_E3 = 'Microsoft 365 E3';
const M365_E5 = 'Microsoft 365 E5';
const M365_BP = 'Microsoft 365 Business Premium';

export const TENANTS = [
  // The two "fresh" customers (spec §8): eligible for every workshop, known to neither partner.
  {
    key: 'contoso',
    name: 'Contoso Ltd',
    domains: ['contoso.com'],
    tpid: 1000001,
    country: 'US',
    segment: 'enterprise',
    seats: 12000,
    products: [M365_E3, 'Azure', 'Dynamics 365'],
    contact: { name: 'Megan Bowen', local: 'megan.bowen' },
  },
  {
    key: 'fabrikam',
    name: 'Fabrikam, Inc.',
    domains: ['fabrikam.com'],
    tpid: 1000002,
    country: 'US',
    segment: 'corporate',
    seats: 2400,
    products: [M365_E5, 'Azure', 'Power BI'],
    contact: { name: 'Alex Wilber', local: 'alex.wilber' },
  },
  {
    key: 'northwind',
    name: 'Northwind Traders',
    domains: ['northwindtraders.com'],
    tpid: 1000003,
    country: 'US',
    segment: 'corporate',
    seats: 850,
    products: [M365_E3, 'Azure'],
    contact: { name: 'Nancy Davolio', local: 'nancy.davolio' },
  },
  {
    key: 'adventureworks',
    name: 'Adventure Works',
    domains: ['adventure-works.com'],
    tpid: 1000004,
    country: 'US',
    segment: 'enterprise',
    seats: 5200,
    products: [M365_E5, 'Azure', 'Microsoft Intune'],
    contact: { name: 'Diego Siciliani', local: 'diego.siciliani' },
  },
  {
    key: 'tailspin',
    name: 'Tailspin Toys',
    domains: ['tailspintoys.com'],
    tpid: 1000005,
    country: 'US',
    segment: 'smb',
    seats: 180,
    products: [M365_BP],
    contact: { name: 'Grady Archie', local: 'grady.archie' },
  },
  {
    key: 'wideworld',
    name: 'Wide World Importers',
    domains: ['wideworldimporters.com'],
    tpid: 1000006,
    country: 'SE',
    segment: 'corporate',
    seats: 640,
    products: [M365_E3, 'Azure'],
    contact: { name: 'Lena Berg', local: 'lena.berg' },
  },
  // One organisation, two tenants under one TPID (R14: a domain of one tenant given with the other's ID).
  {
    key: 'woodgrove',
    name: 'Woodgrove Bank',
    domains: ['woodgrovebank.com', 'woodgrove.com'],
    tpid: 1000007,
    country: 'US',
    segment: 'enterprise',
    seats: 22000,
    products: [M365_E5, 'Azure', 'Microsoft Sentinel'],
    contact: { name: 'Isaiah Langer', local: 'isaiah.langer' },
  },
  {
    key: 'woodgrove-uk',
    name: 'Woodgrove Bank UK',
    domains: ['woodgrovebank.co.uk'],
    tpid: 1000007,
    country: 'GB',
    segment: 'enterprise',
    seats: 3100,
    products: [M365_E5, 'Azure'],
    contact: { name: 'Harriet Cole', local: 'harriet.cole' },
  },
  {
    key: 'litware',
    name: 'Litware, Inc.',
    domains: ['litwareinc.com'],
    tpid: 1000008,
    country: 'US',
    segment: 'corporate',
    seats: 760,
    products: [M365_E3, 'Azure'],
    contact: { name: 'Lidia Holloway', local: 'lidia.holloway' },
  },
  {
    key: 'alpine',
    name: 'Alpine Ski House',
    domains: ['alpineskihouse.com'],
    tpid: 1000009,
    country: 'CH',
    segment: 'smb',
    seats: 140,
    products: [M365_BP],
    contact: { name: 'Lukas Meier', local: 'lukas.meier' },
  },
  {
    key: 'coho',
    name: 'Coho Winery',
    domains: ['cohowinery.com'],
    tpid: 1000010,
    country: 'PT',
    segment: 'smb',
    seats: 120,
    products: [M365_BP],
    contact: { name: 'Inês Costa', local: 'ines.costa' },
  },
  {
    key: 'lucerne',
    name: 'Lucerne Publishing',
    domains: ['lucernepublishing.com'],
    tpid: 1000011,
    country: 'NL',
    segment: 'corporate',
    seats: 430,
    products: [M365_E3],
    contact: { name: 'Sanne de Vries', local: 'sanne.devries' },
  },
  {
    key: 'margies',
    name: 'Margie’s Travel',
    domains: ['margiestravel.com'],
    tpid: 1000012,
    country: 'PT',
    segment: 'smb',
    seats: 210,
    products: [M365_BP, 'Azure'],
    contact: { name: 'João Ferreira', local: 'joao.ferreira' },
  },
  {
    key: 'relecloud',
    name: 'Relecloud',
    domains: ['relecloud.com'],
    tpid: 1000013,
    country: 'US',
    segment: 'corporate',
    seats: 1500,
    products: [M365_E3, 'Azure'],
    contact: { name: 'Pradeep Gupta', local: 'pradeep.gupta' },
  },
  {
    key: 'graphicdesign',
    name: 'Graphic Design Institute',
    domains: ['graphicdesigninstitute.com'],
    tpid: 1000014,
    country: 'PL',
    segment: 'education',
    seats: 300,
    products: ['Microsoft 365 A3'],
    contact: { name: 'Zofia Nowak', local: 'zofia.nowak' },
  },
  {
    key: 'humongous',
    name: 'Humongous Insurance',
    domains: ['humongousinsurance.com'],
    tpid: 1000015,
    country: 'US',
    segment: 'enterprise',
    seats: 9000,
    products: [M365_E5, 'Azure'],
    contact: { name: 'Adele Vance', local: 'adele.vance' },
  },
  {
    key: 'blueyonder',
    name: 'Blue Yonder Airlines',
    domains: ['blueyonderairlines.com'],
    tpid: 1000016,
    country: 'TR',
    segment: 'enterprise',
    seats: 4100,
    products: [M365_E3, 'Azure'],
    contact: { name: 'Elif Demir', local: 'elif.demir' },
  },
  {
    key: 'vanarsdel',
    name: 'VanArsdel, Ltd.',
    domains: ['vanarsdel.com'],
    tpid: 1000017,
    country: 'GB',
    segment: 'corporate',
    seats: 950,
    products: [M365_E3],
    contact: { name: 'Oliver Hughes', local: 'oliver.hughes' },
  },
  {
    key: 'wingtip',
    name: 'Wingtip Toys',
    domains: ['wingtiptoys.com'],
    tpid: 1000018,
    country: 'US',
    segment: 'smb',
    seats: 110,
    products: [M365_BP],
    contact: { name: 'Joni Sherman', local: 'joni.sherman' },
  },
  {
    key: 'southridge',
    name: 'Southridge Video',
    domains: ['southridgevideo.com'],
    tpid: 1000019,
    country: 'CA',
    segment: 'smb',
    seats: 160,
    products: [M365_BP],
    contact: { name: 'Chloé Tremblay', local: 'chloe.tremblay' },
  },
  {
    key: 'consolidated',
    name: 'Consolidated Messenger',
    domains: ['consolidatedmessenger.com'],
    tpid: 1000020,
    country: 'DE',
    segment: 'corporate',
    seats: 700,
    products: [M365_E3, 'Azure'],
    contact: { name: 'Jonas Weber', local: 'jonas.weber' },
  },
  {
    key: 'firstup',
    name: 'First Up Consultants',
    domains: ['firstupconsultants.com'],
    tpid: 1000021,
    country: 'ES',
    segment: 'smb',
    seats: 130,
    products: [M365_BP],
    contact: { name: 'Lucía García', local: 'lucia.garcia' },
  },
  {
    key: 'citypower',
    name: 'City Power & Light',
    domains: ['cpandl.com'],
    tpid: 1000022,
    country: 'US',
    segment: 'public-sector',
    seats: 6800,
    products: [M365_E3, 'Azure'],
    contact: { name: 'Lynne Robbins', local: 'lynne.robbins' },
  },
  {
    key: 'datum',
    name: 'A. Datum Corporation',
    domains: ['adatum.com'],
    tpid: 1000023,
    country: 'US',
    segment: 'corporate',
    seats: 1900,
    products: [M365_E3, 'Azure', 'Power BI'],
    contact: { name: 'Patti Fernandez', local: 'patti.fernandez' },
  },
  // Too few seats for the Security Workshop: criteriaNotMet on the showcase.
  {
    key: 'fourthcoffee',
    name: 'Fourth Coffee',
    domains: ['fourthcoffee.com'],
    tpid: 1000024,
    country: 'US',
    segment: 'smb',
    seats: 25,
    products: [M365_BP],
    contact: { name: 'Miriam Graham', local: 'miriam.graham' },
  },
  {
    key: 'nod',
    name: 'Nod Publishers',
    domains: ['nodpublishers.com'],
    tpid: 1000025,
    country: 'PL',
    segment: 'smb',
    seats: 60,
    products: [M365_BP],
    contact: { name: 'Piotr Zieliński', local: 'piotr.zielinski' },
  },
  {
    key: 'bellows',
    name: 'Bellows College',
    domains: ['bellowscollege.com'],
    tpid: 1000026,
    country: 'SE',
    segment: 'education',
    seats: 1200,
    products: ['Microsoft 365 A3', 'Azure'],
    contact: { name: 'Erik Lindqvist', local: 'erik.lindqvist' },
  },
  {
    key: 'lamna',
    name: 'Lamna Healthcare Company',
    domains: ['lamnahealthcare.com'],
    tpid: 1000027,
    country: 'BR',
    segment: 'corporate',
    seats: 800,
    products: [M365_E3],
    contact: { name: 'Rafael Souza', local: 'rafael.souza' },
  },
  // Two tenants under one TPID, in two countries.
  {
    key: 'tailwind',
    name: 'Tailwind Traders',
    domains: ['tailwindtraders.com'],
    tpid: 1000028,
    country: 'US',
    segment: 'enterprise',
    seats: 15000,
    products: [M365_E5, 'Azure', 'Power BI'],
    contact: { name: 'Henrietta Mueller', local: 'henrietta.mueller' },
  },
  {
    key: 'tailwind-eu',
    name: 'Tailwind Traders Europe',
    domains: ['tailwindtraders.eu', 'tailwindtraders.nl'],
    tpid: 1000028,
    country: 'NL',
    segment: 'enterprise',
    seats: 2600,
    products: [M365_E5],
    contact: { name: 'Daan Bakker', local: 'daan.bakker' },
  },
  {
    key: 'munson',
    name: 'Munson’s Pickles and Preserves Farm',
    domains: ['munsonspickles.com'],
    tpid: 1000029,
    country: 'US',
    segment: 'smb',
    seats: 35,
    products: [M365_BP],
    contact: { name: 'Johanna Lorenz', local: 'johanna.lorenz' },
  },
  {
    key: 'fineart',
    name: 'School of Fine Art',
    domains: ['schooloffineart.net'],
    tpid: 1000030,
    country: 'AR',
    segment: 'education',
    seats: 90,
    products: ['Microsoft 365 A1'],
    contact: { name: 'Valentina López', local: 'valentina.lopez' },
  },
  {
    key: 'bestforyou',
    name: 'Best For You Organics Company',
    domains: ['bestforyouorganics.com'],
    tpid: 1000031,
    country: 'TR',
    segment: 'corporate',
    seats: 520,
    products: [M365_E3, 'Azure'],
    contact: { name: 'Mehmet Kaya', local: 'mehmet.kaya' },
  },
] as const satisfies readonly TenantSeed[];
export type TenantKey = (typeof TENANTS)[number]['key'];

/** The preferred language of a customer contact (the product's six languages; else English). */
export function localeOfCountry(country: string): string {
  const byCountry: Record<string, string> = { PL: 'pl', SE: 'sv', PT: 'pt-PT', TR: 'tr', NL: 'nl' };
  return byCountry[country] ?? 'en';
}

// ── Ids ─────────────────────────────────────────────────────────────────────

export const partnerId = (key: PartnerKey) => demoId(`partner:${key}`);
export const locationId = (key: LocationKey) => demoId(`location:${key}`);
export const userId = (key: UserKey) => demoId(`user:${key}`);
export const engagementId = (code: EngagementCode) => demoId(`engagement:${code}`);
export const tenantId = (key: TenantKey) => demoId(`tenant:${key}`);

export function tenantSeed(key: TenantKey): TenantSeed {
  const tenant = TENANTS.find((t) => t.key === key);
  if (!tenant) throw new Error(`unknown demo tenant ${key}`);
  return tenant;
}

export function engagementSeed(code: EngagementCode): EngagementSeed {
  const engagement = ENGAGEMENTS.find((e) => e.code === code);
  if (!engagement) throw new Error(`unknown demo engagement ${code}`);
  return engagement;
}

export function userSeed(key: UserKey): UserSeed {
  const user = USERS.find((u) => u.key === key);
  if (!user) throw new Error(`unknown demo user ${key}`);
  return user;
}
