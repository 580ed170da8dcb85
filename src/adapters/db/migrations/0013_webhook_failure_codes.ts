import { type Kysely, sql } from 'kysely';

// Issue 14, the delivery log in the user's language (ADR 0024): webhook_deliveries.failure_code, a
// stable code for why the last attempt failed (src/domain/webhook-failures.ts, the codes as of this
// migration). `error` keeps the socket error's own words for the receiver's developers only; the
// codes it used to carry become failure codes, and rows written before are classified from it.
const statements = [
  `alter table webhook_deliveries add column failure_code text check (failure_code in (
     'httpStatus', 'timeout', 'connectionRefused', 'connectionFailed', 'dnsNotFound', 'tlsError',
     'invalidResponse', 'privateAddress', 'httpsRequired', 'endpointDisabled'
   ))`,
  `update webhook_deliveries set failure_code = case
     when error = 'timeout' then 'timeout'
     when error = 'webhook.privateAddress' then 'privateAddress'
     when error = 'webhook.httpsRequired' then 'httpsRequired'
     when error = 'webhook.unresolvable' then 'dnsNotFound'
     when error = 'endpoint disabled' then 'endpointDisabled'
     when error like '%ECONNREFUSED%' then 'connectionRefused'
     when error like '%ENOTFOUND%' or error like '%EAI_AGAIN%' then 'dnsNotFound'
     when error is not null then 'connectionFailed'
     when response_status is not null and (response_status < 200 or response_status > 299) then 'httpStatus'
   end
   where attempts > 0`,
  `update webhook_deliveries set error = null
   where error in ('timeout', 'webhook.privateAddress', 'webhook.httpsRequired', 'webhook.unresolvable',
                   'endpoint disabled')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
