// The deadline sweeps and reminders (spec §5, §4.3): batches of overdue records claimed with
// conditional updates, set-based writes.

// biome-ignore lint/suspicious/noEmptyInterface: filled as the sweeps move onto the store
export interface SweepRepository {}
