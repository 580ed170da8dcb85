// The pure domain core: no I/O, no clock, no framework. Everything the app layer needs.
export * from './consent.ts';
export * from './eligibility.ts';
export * from './errors.ts';
export * from './identifiers.ts';
// lifecycle.ts also re-exports the transition table (transitions.ts).
export * from './lifecycle.ts';
export * from './lifecycle-sets.ts';
export * from './policy.ts';
export * from './row-actions.ts';
export * from './status.ts';
export * from './time.ts';
