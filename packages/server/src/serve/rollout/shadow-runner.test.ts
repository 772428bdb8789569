// The shadow runner: after the caller's turn, bounded, failures counted, over-budget shadows disabled.
import { describe, expect, it } from 'vitest';
import { createShadowRunner, type ShadowOutcome } from './shadow-runner.js';

describe('shadow runner', () => {
  it('runs jobs only after the current turn, in order, and reports each outcome', async () => {
    const runner = createShadowRunner();
    const seen: string[] = [];
    const outcomes: ShadowOutcome<number>[] = [];
    for (const n of [1, 2, 3]) runner.schedule({ key: 'mv_a', run: () => (seen.push(`run ${n}`), n * 10), done: (o) => outcomes.push(o) });
    seen.push('caller done');
    await runner.idle();
    expect(seen).toEqual(['caller done', 'run 1', 'run 2', 'run 3']);
    expect(outcomes.map((o) => [o.output, o.error])).toEqual([[10, null], [20, null], [30, null]]);
    expect(runner.stats()).toMatchObject({ ran: 3, failed: 0, dropped: 0, queued: 0 });
  });

  it('runs synchronous jobs back to back for one slice, then yields a turn to I/O', async () => {
    let t = 0;
    const runner = createShadowRunner({ sliceMs: 0.5, now: () => t });
    const turns: number[] = [];
    let turn = 0;
    const tick = () => {
      turn++;
      if (runner.stats().queued > 0) setImmediate(tick);
    };
    for (let n = 0; n < 6; n++) runner.schedule({ key: 'mv_a', run: () => ((t += 0.2), turns.push(turn)), done: () => undefined });
    setImmediate(tick);
    await runner.idle();
    // 0.2 ms each: the slice ends once 0.5 ms have passed, so three jobs a turn, never one per turn or all at once.
    expect(turns).toEqual([turns[0], turns[0], turns[0], turns[3], turns[3], turns[3]]);
    expect(turns[3]).toBeGreaterThan(turns[0]!);
  });

  it('counts a throwing shadow and keeps running the others', async () => {
    const warnings: string[] = [];
    const runner = createShadowRunner({ warn: (m) => warnings.push(m) });
    const outcomes: ShadowOutcome<number>[] = [];
    runner.schedule({ key: 'mv_bad', run: () => { throw new Error('tree 3 is corrupt'); }, done: (o) => outcomes.push(o) });
    runner.schedule({ key: 'mv_ok', run: () => 1, done: (o) => outcomes.push(o) });
    await runner.idle();
    expect(outcomes.map((o) => o.error)).toEqual(['tree 3 is corrupt', null]);
    expect(runner.stats()).toMatchObject({ ran: 2, failed: 1, disabled: [] });
    expect(warnings[0]).toContain('tree 3 is corrupt');
  });

  it('disables a shadow whose call took longer than the budget and skips its queued jobs', async () => {
    let t = 0;
    const runner = createShadowRunner({ budgetMs: 100, now: () => t });
    const ran: string[] = [];
    runner.schedule({ key: 'mv_slow', run: () => { ran.push('slow'); t += 5000; return 1; }, done: () => undefined });
    runner.schedule({ key: 'mv_slow', run: () => { ran.push('slow again'); return 1; }, done: () => undefined });
    runner.schedule({ key: 'mv_fast', run: () => { ran.push('fast'); t += 2; return 1; }, done: () => undefined });
    await runner.idle();
    expect(ran).toEqual(['slow', 'fast']);
    expect(runner.disabledReason('mv_slow')).toContain('5000 ms');
    expect(runner.schedule({ key: 'mv_slow', run: () => 1, done: () => undefined })).toBe(false);
    expect(runner.stats()).toMatchObject({ skipped: 2, disabled: ['mv_slow'] });
    runner.enable('mv_slow');
    expect(runner.schedule({ key: 'mv_slow', run: () => 1, done: () => undefined })).toBe(true);
    await runner.idle();
  });

  it('gives a call the budget per started 1,000 rows', async () => {
    let t = 0;
    const runner = createShadowRunner({ budgetMs: 100, now: () => t });
    runner.schedule({ key: 'mv_batch', rows: 5000, run: () => { t += 450; return 1; }, done: () => undefined });
    await runner.idle();
    expect(runner.disabledReason('mv_batch')).toBeNull();
    runner.schedule({ key: 'mv_batch', rows: 5000, run: () => { t += 550; return 1; }, done: () => undefined });
    await runner.idle();
    expect(runner.disabledReason('mv_batch')).toContain('over the budget of 500 ms');
  });

  it('gives up on a shadow whose promise does not settle within the budget and disables it', async () => {
    const runner = createShadowRunner({ budgetMs: 20 });
    const outcomes: ShadowOutcome<number>[] = [];
    runner.schedule({ key: 'mv_hang', run: () => new Promise<number>(() => undefined), done: (o) => outcomes.push(o) });
    await runner.idle();
    expect(outcomes[0]?.error).toContain('within 20 ms');
    expect(runner.disabledReason('mv_hang')).not.toBeNull();
  });

  it('drops and counts jobs beyond the queue bound', async () => {
    const runner = createShadowRunner({ maxQueue: 5 });
    const accepted = Array.from({ length: 12 }, () => runner.schedule({ key: 'mv_a', run: () => 1, done: () => undefined }));
    expect(accepted.filter(Boolean)).toHaveLength(5);
    expect(runner.stats()).toMatchObject({ queued: 5, dropped: 7 });
    await runner.idle();
    expect(runner.stats()).toMatchObject({ queued: 0, ran: 5, dropped: 7 });
  });
});
