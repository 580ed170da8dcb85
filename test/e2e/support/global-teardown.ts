import { rmSync } from 'node:fs';

/** Removes the data directory the config created for this run (keep it with E2E_KEEP_DATA=1). */
export default function globalTeardown(): void {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir || process.env.E2E_DATA_DIR_OWNED !== '1' || process.env.E2E_KEEP_DATA === '1') return;
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // the server may still hold files open; the OS cleans the temp dir eventually
  }
}
