// The prediction form generated from the use case's inputs; sends one row with `explain: true`.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { InputRow, ModelInput, Prediction, UseCase } from '@shopfloor/contracts';
import { ApiError } from '../api.js';
import { useApi } from '../api-context.js';
import { fieldOfError } from '../error-field.js';
import { initialValues, toRow, type FormValues } from '../form-values.js';
import { ErrorNotice } from './error-notice.js';
import { InputField } from './input-field.js';

/** How many contributions the chart shows; the server sorts them by size. */
export const TOP_CONTRIBUTIONS = 8;

export interface PredictFormProps {
  useCase: UseCase;
  /** A fresh answer, or null when the last request failed (an old answer must not look current). */
  onResult: (prediction: Prediction | null) => void;
  /** The operator changed a value after the last answer. */
  onEdit: () => void;
  /** How to get the answer for a row (the playground adds failed sensors); default: the champion, explained. */
  predict?: (row: InputRow) => Promise<Prediction>;
  /** Extra controls under a field (the playground's training range and "sensor fails" toggle). */
  fieldExtra?: (input: ModelInput, value: FormValues[string] | undefined) => ReactNode;
}

export function PredictForm({ useCase, onResult, onEdit, predict, fieldExtra }: PredictFormProps) {
  const api = useApi();
  const idPrefix = useId();
  const [values, setValues] = useState<FormValues>(() => initialValues(useCase.inputs));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  const change = (name: string, value: string | boolean): void => {
    setValues((previous) => ({ ...previous, [name]: value }));
    setFieldErrors(({ [name]: _dropped, ...rest }) => rest);
    onEdit();
  };

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const { row, fieldErrors: typed } = toRow(useCase.inputs, values);
    setFieldErrors(typed);
    setServerError(null);
    if (Object.keys(typed).length > 0) {
      focusField(Object.keys(typed)[0]);
      return;
    }
    setBusy(true);
    try {
      onResult(predict !== undefined ? await predict(row) : await predictChampion(row));
    } catch (error) {
      onResult(null);
      const failure = error instanceof Error ? error : new Error(String(error));
      setServerError(failure);
      if (failure instanceof ApiError) {
        const field = fieldOfError(failure, useCase.inputs.map((input) => input.name));
        if (field !== null) {
          setFieldErrors({ [field]: failure.message });
          focusField(field);
        }
      }
    } finally {
      setBusy(false);
    }
  };

  const predictChampion = async (row: InputRow): Promise<Prediction> => {
    const response = await api.predictOne(useCase.id, row, { explain: true, topContributions: TOP_CONTRIBUTIONS });
    const prediction = response.predictions[0];
    if (prediction === undefined) throw new Error('The server answered without a prediction.');
    return prediction;
  };

  // Keyboard users land on the field to fix; the id is the one InputField got below.
  const focusField = (name: string | undefined): void => {
    const index = useCase.inputs.findIndex((input) => input.name === name);
    if (index >= 0) document.getElementById(`${idPrefix}-input-${index}`)?.focus();
  };

  const reset = (): void => {
    setValues(initialValues(useCase.inputs));
    setFieldErrors({});
    setServerError(null);
    onEdit();
  };

  return (
    <form className="panel predict-form" onSubmit={(event) => void submit(event)} noValidate data-testid="predict-form" aria-labelledby={`${idPrefix}-heading`}>
      <h2 id={`${idPrefix}-heading`}>Readings</h2>
      <div className="fields">
        {useCase.inputs.map((input, index) => (
          <div key={input.name} className="field-with-extra">
            <InputField
              input={input}
              id={`${idPrefix}-input-${index}`}
              value={values[input.name]}
              error={fieldErrors[input.name]}
              onChange={(value) => change(input.name, value)}
            />
            {fieldExtra?.(input, values[input.name])}
          </div>
        ))}
      </div>
      {serverError !== null && <ErrorNotice error={serverError} doing="Prediction" testId="predict-error" />}
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={busy} data-testid="predict-submit">
          {busy ? 'Predicting…' : 'Predict'}
        </button>
        <button type="button" className="button-quiet" onClick={reset} disabled={busy}>
          Reset to training medians
        </button>
      </div>
    </form>
  );
}
