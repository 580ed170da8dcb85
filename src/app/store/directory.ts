import type { TenantFacts } from '../../domain/eligibility.ts';

// The customer directory's data (spec §7): tenants, TPIDs, domains and the attributes criteria read.
// Resolving a domain is the CustomerDirectory port (embedded or Entra discovery); this is the store.

interface Tenant {
  id: string;
  name: string;
  tpid: number | null;
}

/** One tenant of an import (spec §7), validated: TPID, attributes and domains (lower case). */
export interface DirectoryTenant {
  id: string;
  name: string;
  tpid: number | null;
  /** The TPID's name when the TPID is new (the tenant's name when the import gives none). */
  tpidName: string;
  country: string | null;
  segment: string | null;
  seats: number | null;
  products: string[];
  domains: string[];
}

export interface DirectoryRepository {
  tenant(id: string): Promise<Tenant | undefined>;
  /** The tenants grouped under a TPID, by name. */
  tenantsUnderTpid(tpid: number): Promise<Tenant[]>;
  /** What customer criteria read about a tenant (§6). */
  facts(tenantId: string): Promise<TenantFacts | undefined>;
  /** The tenant's email domains known to the directory, sorted. */
  domainsOf(tenantId: string): Promise<string[]>;
  /** Whether any of these domains belongs to a tenant other than this one (a domain has one tenant). */
  domainsTakenFrom(tenantId: string, domains: readonly string[]): Promise<boolean>;
  /**
   * Creates or updates the tenant with its TPID (created if new) and adds its domains (a domain it
   * already has stays); says which it was.
   */
  saveTenant(tenant: DirectoryTenant, now: Date): Promise<'created' | 'updated'>;
}
