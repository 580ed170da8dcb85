// Workshop claims (spec §4.4, ADR 0011): the claim, its proof-of-execution items, files, surveys and
// the operator's decisions.

// biome-ignore lint/suspicious/noEmptyInterface: filled as the claim use cases move onto the store
export interface ClaimRepository {}
