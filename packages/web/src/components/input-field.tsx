// One field of the prediction form: a number with unit and training range, a level select, or a checkbox.
import type { ModelInput } from '@shopfloor/contracts';
import { formatNumber } from '../format.js';
import { rangeStatus, type FormValues } from '../form-values.js';

export interface InputFieldProps {
  input: ModelInput;
  /** A DOM id unique in the page; labels point at it. */
  id: string;
  value: FormValues[string] | undefined;
  /** What is wrong with the value, from the form's own check or the server's 400. */
  error: string | undefined;
  onChange: (value: string | boolean) => void;
}

export function InputField({ input, id, value, error, onChange }: InputFieldProps) {
  const hintId = `${id}-hint`;
  const warningId = `${id}-warning`;
  const errorId = `${id}-error`;
  const status = rangeStatus(input, value);
  const outside = status === 'below' || status === 'above';
  const describedBy = [hintId, outside ? warningId : null, error !== undefined ? errorId : null].filter(Boolean).join(' ');
  const common = {
    id,
    name: input.name,
    'data-feature': input.name,
    'aria-describedby': describedBy,
    'aria-invalid': error !== undefined ? true : undefined,
  } as const;

  return (
    <div className={`field field-${input.kind}${outside ? ' field-outside' : ''}${error !== undefined ? ' field-invalid' : ''}`}>
      {input.kind === 'boolean' ? (
        <div className="checkbox-row">
          <input {...common} type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} />
          <label htmlFor={id}>{input.name}</label>
        </div>
      ) : (
        <>
          <label htmlFor={id}>{input.name}</label>
          <div className="field-control">
            {input.kind === 'categorical' && input.levels !== undefined && input.levels.length > 0 ? (
              <select {...common} value={typeof value === 'string' ? value : ''} onChange={(event) => onChange(event.target.value)}>
                {input.levels.map((level) => (
                  <option key={level} value={level}>
                    {level}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...common}
                type="text"
                inputMode={input.kind === 'numeric' ? 'decimal' : 'text'}
                autoComplete="off"
                value={typeof value === 'string' ? value : ''}
                onChange={(event) => onChange(event.target.value)}
              />
            )}
            {input.unit !== undefined && input.unit !== '' && <span className="unit">{input.unit}</span>}
          </div>
        </>
      )}
      <p id={hintId} className="hint">
        {describeInput(input)}
      </p>
      {outside && (
        <p id={warningId} className="field-warning" data-testid="range-warning">
          Outside the training range ({status === 'below' ? 'below' : 'above'} {formatBound(input, status)}): the model
          has not seen such values, treat its answer with care.
        </p>
      )}
      {error !== undefined && (
        <p id={errorId} className="field-error" data-testid="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** "Training range 1,168 – 2,886 rpm, median 1,503 · sensor S-12". */
function describeInput(input: ModelInput): string {
  const parts: string[] = [];
  const unit = input.unit !== undefined && input.unit !== '' ? ` ${input.unit}` : '';
  if (input.kind === 'numeric') {
    if (input.min !== undefined && input.max !== undefined)
      parts.push(`Training range ${formatNumber(input.min, 3)} – ${formatNumber(input.max, 3)}${unit}`);
    if (input.median !== undefined) parts.push(`median ${formatNumber(input.median, 3)}`);
    if (parts.length === 0) parts.push('No training range recorded');
  } else if (input.kind === 'categorical') {
    parts.push(input.levels !== undefined && input.levels.length > 0 ? `${input.levels.length} levels seen in training` : 'Free text');
  } else {
    parts.push('Yes or no');
  }
  if (input.sensorId !== undefined && input.sensorId !== '') parts.push(`sensor ${input.sensorId}`);
  return parts.join(', ').replace(/, sensor/, ' · sensor');
}

function formatBound(input: ModelInput, status: 'below' | 'above'): string {
  const bound = status === 'below' ? input.min : input.max;
  return bound === undefined ? '' : formatNumber(bound, 3);
}
