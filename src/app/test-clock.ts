import { DomainError } from '../domain/errors.ts';
import { MAX_TEST_CLOCK_OFFSET_MS, parseAdvance } from '../domain/test-clock.ts';
import type { AppContext } from './ports.ts';

// R36, the test clock (MCI_TEST_CLOCK=1 only, ADR 0012): any signed-in user of the instance may move
// the application's time forward (the demo journey needs a partner user to), in bounded steps.

export function testClockView(ctx: AppContext) {
  if (!ctx.testClock) throw new DomainError('NotFound');
  return { now: ctx.clock.now().toISOString(), offsetMs: Math.round(ctx.testClock.offsetMs()) };
}

export async function advanceTestClock(ctx: AppContext, advance: string) {
  if (!ctx.testClock) throw new DomainError('NotFound');
  const ms = parseAdvance(advance);
  if (ms === null)
    throw new DomainError('ValidationFailed', {
      target: 'advance',
      details: [{ code: 'testClockAdvance', target: 'advance' }],
    });
  const moved = await ctx.testClock.advance(ms);
  if (!moved)
    throw new DomainError('ValidationFailed', {
      target: 'advance',
      details: [
        {
          code: 'testClockLimit',
          target: 'advance',
          params: { days: MAX_TEST_CLOCK_OFFSET_MS / 86_400_000 },
        },
      ],
    });
  return testClockView(ctx);
}
