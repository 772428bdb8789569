// `#/data/trace?sensor=..`: one or more channels over a shared time window, trust findings shaded, zoom, and span labeling.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Label, Sensor, TraceSpan, UseCase } from '@shopfloor/contracts';
import { useApi } from '../api-context.js';
import { ErrorNotice } from '../components/error-notice.js';
import { LABEL_CLASSES, LabelPanel, classColour, type LabelDraftState, type LabelEditState } from '../components/label-panel.js';
import { TracePlot, type ShadedSpan } from '../components/trace-plot.js';
import { formatNumber } from '../format.js';
import { hrefFor } from '../routes.js';
import { createLabel, deleteLabel, listLabels, listSensors, updateLabel } from '../trace-api.js';
import { clampWindow, formatDuration, formatWindow, panWindow, zoomWindow, type TimeWindow } from '../trace-window.js';
import { useLoad } from '../use-load.js';
import { EMPTY_CHANNEL, useChannels, useWidth } from './trace-channels.js';
import { shortcutAction, stepChoice } from './trace-shortcuts.js';

interface Setup {
  sensors: Sensor[];
  useCases: UseCase[];
}

export function TracePage({ sensors, useCaseId }: { sensors: string[]; useCaseId: string | null }) {
  const api = useApi();
  const setup = useLoad<Setup>(async (signal) => ({ sensors: await listSensors(api, signal), useCases: await api.listUseCases(signal) }), [api]);
  return (
    <section>
      <p className="breadcrumb">
        <a href={hrefFor({ page: 'data' })}>Data</a> › Trace
      </p>
      {setup.state === 'loading' && <p aria-live="polite">Loading sensors…</p>}
      {setup.state === 'error' && <ErrorNotice error={setup.error} doing="Loading the sensors" />}
      {setup.state === 'ready' && <TraceView ids={sensors} initialUseCase={useCaseId} setup={setup.data} />}
    </section>
  );
}

const PLOT_HEIGHT = 170;

function TraceView({ ids, initialUseCase, setup }: { ids: string[]; initialUseCase: string | null; setup: Setup }) {
  const api = useApi();
  const specs = ids.map((id) => setup.sensors.find((s) => s.spec.id === id)?.spec);
  const unknown = ids.filter((_, i) => specs[i] === undefined);
  const known = specs.filter((s) => s !== undefined);
  const [plotsRef, width] = useWidth();
  const { channels, bounds, view, setView } = useChannels(known, width);
  const [mode, setMode] = useState<'label' | 'zoom'>('label');
  const [selection, setSelection] = useState<TimeWindow | null>(null);
  const [useCaseId, setUseCaseId] = useState<string>(initialUseCase ?? setup.useCases[0]?.id ?? '');
  const assets = [...new Set(known.map((s) => s.asset))];
  const [asset, setAsset] = useState<string>(assets[0] ?? '');
  const [labels, setLabels] = useState<Label[]>([]);
  const [draft, setDraft] = useState<LabelDraftState | null>(null);
  const [selected, setSelected] = useState<Label | null>(null);
  const [edit, setEdit] = useState<LabelEditState | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [actionError, setActionError] = useState<Error | null>(null);
  const noteRef = useRef<HTMLTextAreaElement | null>(null);

  const reloadLabels = useCallback(async () => {
    if (useCaseId === '' || bounds === null || asset === '') {
      setLabels([]);
      return;
    }
    try {
      setLabels(await listLabels(api, useCaseId, asset, bounds));
    } catch (error) {
      setActionError(error instanceof Error ? error : new Error(String(error)));
    }
  }, [api, useCaseId, asset, bounds?.from, bounds?.to]);
  useEffect(() => {
    void reloadLabels();
  }, [reloadLabels]);

  const inView = useMemo(
    () => (view === null ? [] : labels.filter((l) => Date.parse(l.start) <= view.to && Date.parse(l.end ?? l.start) >= view.from)),
    [labels, view],
  );
  const shaded: ShadedSpan[] = inView.map((l) => ({
    id: l.id,
    from: Date.parse(l.start),
    to: l.end === null ? null : Date.parse(l.end),
    colour: classColour(l.class),
    selected: selected?.id === l.id,
  }));

  const zoom = (factor: number, anchor = 0.5): void => {
    if (view !== null && bounds !== null) setView(zoomWindow(view, factor, anchor, bounds));
  };
  const pan = (share: number): void => {
    if (view !== null && bounds !== null) setView(panWindow(view, share, bounds));
  };
  const choose = (label: Label | null): void => {
    setSelected(label);
    setEdit(label === null ? null : { class: label.class, note: label.note, start: label.start, end: label.end ?? '' });
    if (label !== null) setDraft(null);
  };
  const cancel = (): void => {
    setDraft(null);
    setSelection(null);
    choose(null);
  };

  const run = async (doing: string, action: () => Promise<string>): Promise<void> => {
    setBusy(true);
    setActionError(null);
    try {
      setStatus(await action());
    } catch (error) {
      setActionError(Object.assign(error instanceof Error ? error : new Error(String(error)), { doing }));
    } finally {
      setBusy(false);
    }
  };
  const save = (): void => {
    if (draft !== null) {
      if (useCaseId === '') return;
      void run('Saving the span', async () => {
        const stored = await createLabel(api, useCaseId, { asset, start: Math.round(draft.span.from), end: Math.round(draft.span.to), class: draft.class, note: draft.note });
        setDraft(null);
        await reloadLabels();
        return `Saved ${stored.class} on ${stored.asset} (${formatWindow({ from: Date.parse(stored.start), to: Date.parse(stored.end ?? stored.start) })})`;
      });
    } else if (selected !== null && edit !== null) {
      void run('Saving the label', async () => {
        // Times go as typed (the server names a bad one); unchanged ones are not sent.
        const times = {
          ...(edit.start === selected.start ? {} : { start: edit.start.trim() }),
          ...(edit.end === (selected.end ?? '') ? {} : { end: edit.end.trim() === '' ? null : edit.end.trim() }),
        };
        const { replacement } = await updateLabel(api, useCaseId, selected.id, { class: edit.class, note: edit.note, ...times });
        await reloadLabels();
        choose(replacement);
        return 'Saved the changes (the earlier version stays in the history)';
      });
    }
  };
  const remove = (): void => {
    if (selected === null) return;
    void run('Deleting the label', async () => {
      await deleteLabel(api, useCaseId, selected.id);
      choose(null);
      await reloadLabels();
      return 'Deleted the label (kept in the history as retracted)';
    });
  };

  // Shortcuts (listed on the page by the label panel; the mapping is trace-shortcuts.ts).
  const keys = useRef<(e: KeyboardEvent) => void>(() => undefined);
  keys.current = (e: KeyboardEvent): void => {
    const target = e.target instanceof HTMLElement ? e.target : null;
    const press = { key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, targetTag: target?.tagName ?? '', targetEditable: target?.isContentEditable ?? false };
    const action = shortcutAction(press, { editing: draft !== null || edit !== null, chosen: selected !== null });
    if (action === null) return;
    e.preventDefault();
    switch (action.kind) {
      case 'zoom':
        return zoom(action.factor);
      case 'pan':
        return pan(action.share);
      case 'reset':
        return bounds === null ? undefined : setView(bounds);
      case 'toggle-mode':
        return setMode((m) => (m === 'label' ? 'zoom' : 'label'));
      case 'focus-note':
        return noteRef.current?.focus();
      case 'save':
        return save();
      case 'delete':
        return remove();
      case 'cancel':
        return cancel();
      case 'class':
        if (draft !== null) setDraft({ ...draft, class: action.classId });
        else if (edit !== null) setEdit({ ...edit, class: action.classId });
        return;
      case 'choose': {
        const next = stepChoice(inView, selected?.id ?? null, action.step);
        if (next !== undefined) choose(next);
        return;
      }
    }
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => keys.current(e);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onDrag = (from: number, to: number, done: boolean): void => {
    const span = { from: Math.min(from, to), to: Math.max(from, to) };
    if (!done) {
      setSelection(span);
      return;
    }
    setSelection(null);
    if (mode === 'zoom' && bounds !== null) setView(clampWindow(span, bounds));
    if (mode === 'label') {
      choose(null);
      setDraft({ span: { from: Math.round(span.from), to: Math.round(span.to) }, class: draft?.class ?? LABEL_CLASSES[0].id, note: draft?.note ?? '' });
    }
  };
  const onClickAt = (time: number): void => {
    const slack = view === null ? 0 : (view.to - view.from) / 200;
    const hit = inView.find((l) => Date.parse(l.start) - slack <= time && time <= Date.parse(l.end ?? l.start) + slack);
    choose(hit ?? null);
  };

  if (ids.length === 0) {
    return (
      <p className="panel">
        No sensor chosen: pick one or more on the <a href={hrefFor({ page: 'data' })}>Data page</a>.
      </p>
    );
  }
  const readings = known.reduce((a, s) => a + (channels[s.id]?.trace?.readings ?? 0), 0);
  const shownSelection = draft?.span ?? selection;

  return (
    <>
      <h1>
        Trace: <span data-testid="trace-title">{ids.join(', ')}</span>
      </h1>
      {unknown.length > 0 && (
        <p className="notice notice-error" role="alert">
          Not registered: {unknown.join(', ')}
        </p>
      )}
      <div className="trace-toolbar panel">
        <div className="toolbar-group" role="group" aria-label="Zoom">
          <button type="button" onClick={() => zoom(0.5)} disabled={view === null} data-testid="zoom-in">
            Zoom in (+)
          </button>
          <button type="button" onClick={() => zoom(2)} disabled={view === null} data-testid="zoom-out">
            Zoom out (−)
          </button>
          <button type="button" onClick={() => pan(-0.25)} disabled={view === null}>
            ← Back
          </button>
          <button type="button" onClick={() => pan(0.25)} disabled={view === null}>
            Forward →
          </button>
          <button type="button" onClick={() => bounds !== null && setView(bounds)} disabled={bounds === null} data-testid="zoom-reset">
            Whole range (0)
          </button>
        </div>
        <fieldset className="toolbar-group">
          <legend>Drag on a trace to (M)</legend>
          <label>
            <input type="radio" name="drag-mode" checked={mode === 'label'} onChange={() => setMode('label')} data-testid="mode-label" /> mark a span
          </label>
          <label>
            <input type="radio" name="drag-mode" checked={mode === 'zoom'} onChange={() => setMode('zoom')} data-testid="mode-zoom" /> zoom to it
          </label>
        </fieldset>
        <div className="toolbar-group">
          <label htmlFor="trace-use-case">Labels for use case</label>
          <select id="trace-use-case" value={useCaseId} onChange={(e) => setUseCaseId(e.target.value)} data-testid="trace-use-case">
            <option value="">(choose)</option>
            {setup.useCases.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
          <label htmlFor="trace-asset">on asset</label>
          <select id="trace-asset" value={asset} onChange={(e) => setAsset(e.target.value)}>
            {assets.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="trace-status" aria-live="polite" data-testid="trace-window">
        {view === null ? 'Loading the traces…' : `${formatWindow(view)} · ${formatDuration(view.to - view.from)} · ${formatNumber(readings)} readings`}
      </p>
      {status !== '' && (
        <p className="notice notice-ok" role="status" data-testid="label-status">
          {status}
        </p>
      )}
      {actionError !== null && <ErrorNotice error={actionError} doing={(actionError as Error & { doing?: string }).doing ?? 'Loading the labels'} testId="label-error" />}
      <div className="trace-layout">
        <div className="trace-plots" ref={plotsRef}>
          {known.map((s, i) => {
            const c = channels[s.id] ?? EMPTY_CHANNEL;
            return (
              <figure key={s.id} className="trace-channel" data-testid="trace-channel">
                <figcaption>
                  <strong data-testid="trace-channel-name">{s.id}</strong> <span className="muted">{s.unit}</span>{' '}
                  {c.health !== null && <span className={`health health-${c.health}`}>{c.health}</span>}{' '}
                  <span className="hint">{c.findings.length} trust finding{c.findings.length === 1 ? '' : 's'} shaded</span>
                </figcaption>
                {c.error !== null && <ErrorNotice error={c.error} doing={`Loading ${s.id}`} />}
                {view !== null && (
                  <TracePlot
                    sensor={s.id}
                    unit={s.unit}
                    window={view}
                    trace={c.trace}
                    fresh={c.trace !== null && c.trace.from === view.from && c.trace.to === view.to}
                    findings={c.findings}
                    labels={shaded}
                    selection={shownSelection}
                    samplePeriodMs={s.samplePeriodMs}
                    width={width}
                    height={PLOT_HEIGHT + (i === known.length - 1 ? 22 : 0)}
                    showTimeAxis={i === known.length - 1}
                    onDrag={onDrag}
                    onClickAt={onClickAt}
                    onWheelZoom={(factor, anchor) => zoom(factor, anchor)}
                  />
                )}
                {c.findings.length > 0 && <FindingsList findings={c.findings} />}
                {c.notes.length > 0 && <p className="hint">{c.notes.join(' ')}</p>}
              </figure>
            );
          })}
        </div>
        <LabelPanel
          ref={noteRef}
          canLabel={useCaseId !== ''}
          asset={asset}
          draft={draft}
          selected={selected}
          edit={edit}
          labels={inView}
          busy={busy}
          onDraftChange={setDraft}
          onEditChange={setEdit}
          onSave={save}
          onCancel={cancel}
          onDelete={remove}
          onChoose={choose}
        />
      </div>
    </>
  );
}

function FindingsList({ findings }: { findings: readonly TraceSpan[] }) {
  return (
    <details className="findings">
      <summary>Trust findings ({findings.length})</summary>
      <ul data-testid="trace-findings">
        {findings.map((f, i) => (
          <li key={i}>
            <strong className={f.severity === 'critical' ? 'text-bad' : ''}>{f.code}</strong> {formatWindow({ from: f.from, to: f.to })}: {f.message}
          </li>
        ))}
      </ul>
    </details>
  );
}
