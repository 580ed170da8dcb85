import { expect, it } from 'vitest';
import { runSoak, SOAK_PREFIX } from '../soak/crash-soak.ts';
import { DATABASE_KINDS } from '../support/databases.ts';
import { prepareInstallation } from '../support/installation.ts';

// Quality §3.8, crash safety, on both databases (PGlite is what `npm start` gives): the soak of
// test/soak/crash-soak.ts with 20 SIGKILLs per database in CI; `npm run soak` runs 200 or more.

const ITERATIONS = 20;

for (const kind of DATABASE_KINDS) {
  it(`SIGKILL at random moments during start-up and add / claim / consent / sweep traffic loses nothing and writes nothing half [${kind}, ${ITERATIONS} kills]`, async () => {
    const target = await prepareInstallation(kind, { customers: ITERATIONS * 80, prefix: SOAK_PREFIX });
    const report = await runSoak(target, { iterations: ITERATIONS });
    expect(report.losses).toEqual([]);
    expect(report.violations).toEqual([]);
    // The run did what it says: writes were acknowledged, checked, and their emails delivered.
    expect(report.acknowledged.adds).toBeGreaterThan(0);
    expect(report.acknowledged.consentRequests).toBeGreaterThan(0);
    expect(report.emails.sent).toBeGreaterThan(0);
  }, 900_000);
}
