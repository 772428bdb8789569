// `#/use-cases/{id}/playground`: a form from the model's inputs with their training ranges, the champion's answer and its explanation, and "what if this sensor fails" toggles.
import { useRef, useState } from 'react';
import type { InputRow, ModelInput, Prediction, UseCase } from '@shopfloor/contracts';
import { useApi } from '../api-context.js';
import { ErrorNotice } from '../components/error-notice.js';
import { ModelDegradedAnswer } from '../components/model-degraded-answer.js';
import { ModelInputRange } from '../components/model-input-range.js';
import { ModelNav } from '../components/model-nav.js';
import { PredictForm, TOP_CONTRIBUTIONS } from '../components/predict-form.js';
import { PredictionResult } from '../components/prediction-result.js';
import { useLoad } from '../use-load.js';

export function PlaygroundPage({ useCaseId }: { useCaseId: string }) {
  const api = useApi();
  const load = useLoad<UseCase>((signal) => api.getUseCase(useCaseId, signal), [api, useCaseId]);
  return (
    <>
      <ModelNav useCaseId={useCaseId} current="playground" />
      {load.state === 'loading' && <p aria-live="polite">Loading the use case…</p>}
      {load.state === 'error' && <ErrorNotice error={load.error} doing="Loading the use case" testId="playground-error" />}
      {load.state === 'ready' && <Playground useCase={load.data} />}
    </>
  );
}

function Playground({ useCase }: { useCase: UseCase }) {
  const api = useApi();
  const [failed, setFailed] = useState<string[]>([]);
  const [healthy, setHealthy] = useState<Prediction | null>(null);
  const [degraded, setDegraded] = useState<Prediction | null>(null);
  const [stale, setStale] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  // The readings of the answer on screen: a toggle re-asks for exactly those.
  const lastRow = useRef<InputRow | null>(null);

  const ask = async (row: InputRow, untrustedSensors: readonly string[]): Promise<Prediction> => {
    const response = await api.predictOne(useCase.id, row, { explain: true, topContributions: TOP_CONTRIBUTIONS, untrustedSensors });
    const prediction = response.predictions[0];
    if (prediction === undefined) throw new Error('The server answered without a prediction.');
    return prediction;
  };

  const predict = async (row: InputRow): Promise<Prediction> => {
    lastRow.current = row;
    setError(null);
    const [withAll, withFailure] = await Promise.all([ask(row, []), failed.length > 0 ? ask(row, failed) : Promise.resolve(null)]);
    setDegraded(withFailure);
    return withAll;
  };

  const toggle = async (name: string): Promise<void> => {
    const next = failed.includes(name) ? failed.filter((n) => n !== name) : [...failed, name];
    const ordered = useCase.inputs.map((i) => i.name).filter((n) => next.includes(n));
    setFailed(ordered);
    const row = lastRow.current;
    if (row === null) return;
    if (ordered.length === 0) {
      setDegraded(null);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setDegraded(await ask(row, ordered));
    } catch (e) {
      setDegraded(null);
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };

  const fieldExtra = (input: ModelInput, value: string | boolean | undefined) => {
    const id = `fails-${useCase.inputs.indexOf(input)}`;
    return (
      <>
        <ModelInputRange input={input} value={value} />
        <div className="checkbox-row sensor-fails">
          <input id={id} type="checkbox" checked={failed.includes(input.name)} onChange={() => void toggle(input.name)} data-testid="sensor-fails" data-feature={input.name} />
          <label htmlFor={id}>What if {input.sensorId !== undefined && input.sensorId !== '' ? `sensor ${input.sensorId}` : 'this reading'} fails</label>
        </div>
      </>
    );
  };

  return (
    <article data-testid="playground-page">
      <h1>Playground: {useCase.name}</h1>
      <p className="hint">
        Any reading you like, the champion&apos;s answer and why. Tick &ldquo;what if it fails&rdquo; to see what the line gets when that sensor cannot be trusted:
        the answer then comes from a companion model, the fallback rule, or nobody.
      </p>
      <div className="predict-layout">
        <PredictForm
          useCase={useCase}
          predict={predict}
          fieldExtra={fieldExtra}
          onResult={(next) => {
            setHealthy(next);
            if (next === null) setDegraded(null);
            setStale(false);
          }}
          onEdit={() => setStale(true)}
        />
        <div>
          {busy && <p aria-live="polite">Asking again without the failed sensors…</p>}
          {error !== null && <ErrorNotice error={error} doing="Prediction with failed sensors" testId="playground-predict-error" />}
          {degraded !== null && failed.length > 0 && <ModelDegradedAnswer useCase={useCase} healthy={healthy} degraded={degraded} failed={failed} />}
          {healthy !== null ? (
            <PredictionResult useCase={useCase} prediction={healthy} stale={stale} />
          ) : (
            <section className="panel prediction-empty">
              <h2>Answer</h2>
              <p>Set the readings and press Predict. The form starts at the training medians.</p>
            </section>
          )}
        </div>
      </div>
    </article>
  );
}
