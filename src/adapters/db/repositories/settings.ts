import { sql } from 'kysely';
import type { SettingsRepository } from '../../../app/store/settings.ts';
import type { Q } from './db.ts';

// The keys of app_settings, with the shape of their JSON values.
const DEMO = 'demo'; // { loaded: boolean } (written by the demo seed)
const TEST_CLOCK = 'testClock'; // { offsetMs: number }

export function settingsRepository(db: Q): SettingsRepository {
  const read = async (key: string): Promise<unknown> =>
    (await db.selectFrom('app_settings').select('value').where('key', '=', key).executeTakeFirst())?.value;

  return {
    async demoLoaded() {
      return ((await read(DEMO)) as { loaded?: unknown } | undefined)?.loaded === true;
    },

    async testClockOffset() {
      const offset = Number(((await read(TEST_CLOCK)) as { offsetMs?: unknown } | undefined)?.offsetMs ?? 0);
      return Number.isFinite(offset) ? offset : null;
    },

    async advanceTestClock(ms, maxMs) {
      const result = await sql<{ value: { offsetMs: number } }>`
        insert into app_settings (key, value, updated_at)
        select ${TEST_CLOCK}, jsonb_build_object('offsetMs', ${ms}::bigint), now()
         where ${ms}::bigint <= ${maxMs}::bigint
        on conflict (key) do update
          set value = jsonb_build_object('offsetMs', (app_settings.value->>'offsetMs')::bigint + ${ms}::bigint),
              updated_at = now()
          where (app_settings.value->>'offsetMs')::bigint + ${ms}::bigint <= ${maxMs}::bigint
        returning value`.execute(db);
      const row = result.rows[0];
      return row ? Number(row.value.offsetMs) : null;
    },
  };
}
