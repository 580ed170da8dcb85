// An integration that has only an API token (`write` scope, created by an Incentives admin): it registers
// its webhook receiver for `nomination.created` and `consent.requested`, looks the customer up, adds them
// to a workshop at one of its locations and asks them for consent. Everything goes through the typed
// client (./client), so the compiler checks every path and body against the server's OpenAPI document.
//
//   MCI_URL=http://127.0.0.1:3000 MCI_TOKEN=mci_… node --import tsx examples/add-and-consent.ts \
//     customer@contoso.example <location-id> <engagement-id> \
//     --webhook-url https://crm.example.com/mci-hooks \
//     --contact-name 'Jan Kowalski' --partner-name 'Ada Lovelace' --partner-email ada@treyresearch.example
//
// It prints one JSON line per step on stdout; the first one carries the endpoint's signing secret, which
// the server shows only once: keep it where your receiver (examples/webhook-receiver.ts) reads it.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { type components, createMciClient, describeError } from './client/index.ts';

type Locale = components['schemas']['ConsentRequest']['customerContact']['locale'];

export interface AddAndConsentInput {
  /** The customer's work email: the lookup resolves the tenant from its domain. */
  customerEmail: string;
  locationId: string;
  engagementId: string;
  /** Where the server sends the signed events (https on a public address in production). */
  webhookUrl: string;
  customerContact: { name: string; locale: Locale };
  partnerContact: { name: string; email: string };
}

export type Step =
  | { step: 'endpoint'; endpointId: string; secret: string }
  | { step: 'lookup'; tenantId: string; tenantName: string }
  | { step: 'added'; nominationId: string; status: string }
  | { step: 'consent'; nominationId: string; status: string };

export async function addAndConsent(
  baseUrl: string,
  token: string,
  input: AddAndConsentInput,
  report: (step: Step) => void = () => {},
): Promise<{ endpointId: string; nominationId: string }> {
  const mci = createMciClient(baseUrl, token);

  const endpoint = await mci.POST('/api/v1/webhook-endpoints', {
    body: {
      url: input.webhookUrl,
      events: ['nomination.created', 'consent.requested'],
      description: 'add-and-consent example',
    },
  });
  if (!endpoint.data)
    throw new Error(`register webhook: ${describeError(endpoint.response.status, endpoint.error)}`);
  report({ step: 'endpoint', endpointId: endpoint.data.id, secret: endpoint.data.secret });

  const lookup = await mci.POST('/api/v1/customer-lookups', {
    body: { email: input.customerEmail, locationId: input.locationId, engagementId: input.engagementId },
  });
  if (!lookup.data) throw new Error(`look up: ${describeError(lookup.response.status, lookup.error)}`);
  const { tenant, workshops, mismatchReasonRequired } = lookup.data;
  const workshop = workshops.find((w) => w.engagementId === input.engagementId);
  if (!workshop?.selectable)
    throw new Error(
      `cannot add ${tenant.name}: ${workshop?.reasons.map((r) => r.message).join('; ') ?? 'no such workshop'}`,
    );
  // The email's domain is not one of the tenant's: the UI asks for a reason; this example stops instead.
  if (mismatchReasonRequired)
    throw new Error(`${input.customerEmail} is not a known domain of ${tenant.name}`);
  report({ step: 'lookup', tenantId: tenant.id, tenantName: tenant.name });

  const added = await mci.POST('/api/v1/nominations', {
    body: {
      origin: 'add',
      locationId: input.locationId,
      engagementIds: [input.engagementId],
      email: input.customerEmail,
      tenantId: tenant.id,
    },
  });
  if (!added.data) throw new Error(`add: ${describeError(added.response.status, added.error)}`);
  const nomination = added.data.value[0];
  if (!nomination) throw new Error('add: no record created');
  report({ step: 'added', nominationId: nomination.id, status: nomination.status });

  const consent = await mci.POST('/api/v1/nominations/{nominationId}/consent-requests', {
    params: { path: { nominationId: nomination.id } },
    body: {
      customerContact: { ...input.customerContact, email: input.customerEmail },
      partnerContact: input.partnerContact,
    },
  });
  if (!consent.data)
    throw new Error(`request consent: ${describeError(consent.response.status, consent.error)}`);
  report({ step: 'consent', nominationId: nomination.id, status: consent.data.status });
  return { endpointId: endpoint.data.id, nominationId: nomination.id };
}

/** The command line: MCI_URL and MCI_TOKEN from the environment, the rest from the arguments. */
async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'webhook-url': { type: 'string' },
      'contact-name': { type: 'string' },
      'contact-locale': { type: 'string', default: 'en' },
      'partner-name': { type: 'string' },
      'partner-email': { type: 'string' },
    },
  });
  const [customerEmail, locationId, engagementId] = positionals;
  const { MCI_URL, MCI_TOKEN } = process.env;
  const webhookUrl = values['webhook-url'];
  const contactName = values['contact-name'];
  const partnerName = values['partner-name'];
  const partnerEmail = values['partner-email'];
  if (
    !MCI_URL ||
    !MCI_TOKEN ||
    !customerEmail ||
    !locationId ||
    !engagementId ||
    !webhookUrl ||
    !contactName ||
    !partnerName ||
    !partnerEmail
  ) {
    console.error(
      'usage: MCI_URL=… MCI_TOKEN=mci_… node --import tsx examples/add-and-consent.ts <customer-email> <location-id> <engagement-id>\n' +
        '  --webhook-url <url> --contact-name <name> [--contact-locale en] --partner-name <name> --partner-email <email>',
    );
    process.exitCode = 2;
    return;
  }
  await addAndConsent(
    MCI_URL,
    MCI_TOKEN,
    {
      customerEmail,
      locationId,
      engagementId,
      webhookUrl,
      customerContact: { name: contactName, locale: values['contact-locale'] as Locale },
      partnerContact: { name: partnerName, email: partnerEmail },
    },
    (step) => console.log(JSON.stringify(step)),
  );
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
