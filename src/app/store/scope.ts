// Tenant scoping in one place (quality §3.1): every repository function that reads or writes a
// partner's data takes a scope as a required argument and filters by it. A partner's users act in
// their partner's scope; the program operator, the customer's single-purpose links and the sweeps act
// across partners, and say so by name.

export type Scope =
  | { readonly partnerId: string }
  | { readonly partnerId: null; readonly across: 'operator' | 'customerLink' | 'system' };

export type PartnerScope = Extract<Scope, { partnerId: string }>;

export const OPERATOR_SCOPE: Scope = { partnerId: null, across: 'operator' };
export const CUSTOMER_LINK_SCOPE: Scope = { partnerId: null, across: 'customerLink' };
export const SYSTEM_SCOPE: Scope = { partnerId: null, across: 'system' };
