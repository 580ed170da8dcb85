import type { CustomerDirectory } from '../../app/ports.ts';
import { domainNeverResolves } from '../../domain/identifiers.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * Resolves a domain to a tenant ID the way Microsoft Entra's OpenID discovery document does (spec §7):
 * GET {base}/{domain}/v2.0/.well-known/openid-configuration, tenant ID taken from `issuer`
 * (https://login.microsoftonline.com/{tenant}/v2.0). 400/404 mean "no such tenant"; time-outs, 5xx and
 * malformed answers mean "directory unavailable", which the caller reports without changing anything.
 */
export function entraDiscoveryDirectory(options: {
  baseUrl: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}): CustomerDirectory {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  return {
    async resolveDomain(domain) {
      const normalised = domain.trim().toLowerCase();
      if (domainNeverResolves(normalised) || !DOMAIN.test(normalised)) return { kind: 'notFound' };
      let response: Response;
      try {
        response = await doFetch(
          `${base}/${encodeURIComponent(normalised)}/v2.0/.well-known/openid-configuration`,
          {
            signal: AbortSignal.timeout(options.timeoutMs ?? 3000),
            redirect: 'error',
            headers: { accept: 'application/json' },
          },
        );
      } catch {
        return { kind: 'unavailable' };
      }
      if (response.status === 400 || response.status === 404) return { kind: 'notFound' };
      if (!response.ok) return { kind: 'unavailable' };
      try {
        const body = (await response.json()) as { issuer?: unknown };
        const tenantId =
          typeof body.issuer === 'string'
            ? new URL(body.issuer).pathname.split('/').find((part) => GUID.test(part))
            : undefined;
        return tenantId ? { kind: 'found', tenantId: tenantId.toLowerCase() } : { kind: 'unavailable' };
      } catch {
        return { kind: 'unavailable' };
      }
    },
  };
}
