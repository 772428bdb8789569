// Where a numeric reading sits in the training data: min-max line, 5-95 % band, middle-half box, median tick and the reading typed now.
import type { ModelInput } from '@shopfloor/contracts';
import { formatNumber } from '../format.js';
import { linearScale } from './chart-scale.js';

const WIDTH = 300;
const HEIGHT = 26;

export function ModelInputRange({ input, value }: { input: ModelInput; value: string | boolean | undefined }) {
  if (input.kind !== 'numeric' || input.min === undefined || input.max === undefined) return null;
  const unit = input.unit !== undefined && input.unit !== '' ? ` ${input.unit}` : '';
  const q = input.quantiles;
  const reading = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  const span = input.max - input.min;
  const pad = span > 0 ? span * 0.08 : 1;
  const x = linearScale([input.min - pad, input.max + pad], [6, WIDTH - 6]);
  const shown = Number.isFinite(reading) ? Math.min(Math.max(reading, input.min - pad), input.max + pad) : null;
  const words =
    q === undefined
      ? `Training range ${formatNumber(input.min, 3)} – ${formatNumber(input.max, 3)}${unit}`
      : `Middle half of training rows ${formatNumber(q.p25, 3)} – ${formatNumber(q.p75, 3)}${unit}; 90 % within ${formatNumber(q.p05, 3)} – ${formatNumber(q.p95, 3)}${unit}`;
  return (
    <div className="input-range" data-testid="input-range" data-feature={input.name}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="input-range-svg" aria-hidden="true">
        <line className="range-line" x1={x(input.min)} x2={x(input.max)} y1={HEIGHT / 2} y2={HEIGHT / 2} />
        {q !== undefined && (
          <>
            <rect className="range-band" x={x(q.p05)} width={Math.max(1, x(q.p95) - x(q.p05))} y={HEIGHT / 2 - 4} height={8} />
            <rect className="range-box" x={x(q.p25)} width={Math.max(1, x(q.p75) - x(q.p25))} y={HEIGHT / 2 - 7} height={14} />
          </>
        )}
        {input.median !== undefined && <line className="range-median" x1={x(input.median)} x2={x(input.median)} y1={3} y2={HEIGHT - 3} />}
        {shown !== null && <path className="range-reading" d={`M${x(shown)},${HEIGHT - 1} l-6,-9 h12 z M${x(shown)},1 l-6,9 h12 z`} />}
      </svg>
      <p className="hint">{words}</p>
    </div>
  );
}
