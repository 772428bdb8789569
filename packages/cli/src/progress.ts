// Training progress on stderr: a live bar on a terminal, a plain line every 10 % elsewhere, nothing under --json.
import cliProgress from 'cli-progress';
import type { Shopfloor } from '@shopfloor/server';
import type { Io } from './io.js';

/** The learner's per-round report, as the facade's train() hands it on. */
export type TrainingProgress = Parameters<NonNullable<Parameters<Shopfloor['train']>[3]>>[0];

export interface ProgressReporter {
  onProgress(p: TrainingProgress): void;
  /** Ends the bar, or says that the learner stopped before maxIter. */
  finish(): void;
}

export type ProgressMode = 'bar' | 'lines' | 'none';

export function progressMode(io: Io, json: boolean): ProgressMode {
  if (json) return 'none';
  return io.progressIsTTY ? 'bar' : 'lines';
}

function lossText(p: TrainingProgress): string {
  const valid = p.validLoss === undefined ? '' : `, valid loss ${p.validLoss.toFixed(4)}`;
  return `train loss ${p.trainLoss.toFixed(4)}${valid}`;
}

function lineReporter(io: Io, label: string): ProgressReporter {
  let lastDecile = -1;
  let last: TrainingProgress | null = null;
  return {
    onProgress(p) {
      // A second fit (the server may refit) starts counting again.
      if (last !== null && p.iteration < last.iteration) lastDecile = -1;
      last = p;
      const decile = Math.floor((10 * p.iteration) / p.maxIter);
      if (decile > lastDecile) {
        lastDecile = decile;
        const percent = Math.min(100, Math.round((100 * p.iteration) / p.maxIter));
        io.err(`${label}: ${percent}% (round ${p.iteration}/${p.maxIter}, ${lossText(p)}, ${(p.elapsedMs / 1000).toFixed(1)} s)\n`);
      }
    },
    finish() {
      if (last !== null && last.iteration < last.maxIter) {
        io.err(`${label}: stopped early at round ${last.iteration}/${last.maxIter} (no further validation improvement)\n`);
      }
    },
  };
}

function barReporter(io: Io, label: string): ProgressReporter {
  const bar = new cliProgress.SingleBar(
    {
      stream: io.progressStream,
      format: `${label} [{bar}] {percentage}% | round {value}/{total} | {loss} | {duration_formatted}`,
      hideCursor: true,
      synchronousUpdate: true,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress(p) {
      if (!started) {
        bar.start(p.maxIter, 0, { loss: '' });
        started = true;
      }
      if (bar.getTotal() !== p.maxIter) bar.setTotal(p.maxIter);
      bar.update(p.iteration, { loss: lossText(p) });
    },
    finish() {
      if (started) bar.stop();
    },
  };
}

export function progressReporter(io: Io, mode: ProgressMode, label = 'training'): ProgressReporter {
  if (mode === 'bar') return barReporter(io, label);
  if (mode === 'lines') return lineReporter(io, label);
  return { onProgress: () => undefined, finish: () => undefined };
}
