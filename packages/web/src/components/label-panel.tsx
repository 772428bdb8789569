// Labeling beside the trace: the new span's class and note, the chosen label's edit and delete, the labels in view, the shortcuts.
import { forwardRef } from 'react';
import type { Label } from '@shopfloor/contracts';
import { formatDuration, formatWindow, type TimeWindow } from '../trace-window.js';

/** The classes offered on the trace, with their shortcut and colour (any other class a label has is drawn grey). */
export const LABEL_CLASSES = [
  { id: 'failure-window', name: 'Failure window', key: '1', colour: '#b3261e' },
  { id: 'anomaly', name: 'Anomaly', key: '2', colour: '#7b3fb3' },
  { id: 'maintenance', name: 'Maintenance', key: '3', colour: '#1f7a36' },
] as const;

export function classColour(id: string): string {
  return LABEL_CLASSES.find((c) => c.id === id)?.colour ?? '#4a5260';
}

export function className(id: string): string {
  return LABEL_CLASSES.find((c) => c.id === id)?.name ?? id;
}

export const SHORTCUTS: readonly [string, string][] = [
  ['Drag on a trace', 'Mark a span (in "mark a span" mode) or zoom to it (in "zoom" mode)'],
  ['M', 'Switch the drag mode between marking a span and zooming'],
  ['+ or = / −', 'Zoom in / out around the middle (the mouse wheel zooms around the pointer)'],
  ['← / →', 'Move the window back / forward by a quarter'],
  ['0', 'Show the whole stored range'],
  ['1 / 2 / 3', 'Class of the new span or the chosen label: failure window / anomaly / maintenance'],
  ['N', 'Write the note (moves the focus to the note field)'],
  ['Enter', 'Save the new span, or the changes to the chosen label'],
  ['[ / ]', 'Choose the previous / next label in view'],
  ['Delete', 'Delete the chosen label (it stays in the history as retracted)'],
  ['Esc', 'Drop the new span or the choice'],
];

/** The chosen label as being edited: times as ISO 8601 UTC text, so they can be typed. */
export interface LabelEditState {
  class: string;
  note: string;
  start: string;
  /** '' for an event. */
  end: string;
}

export interface LabelDraftState {
  span: TimeWindow;
  class: string;
  note: string;
}

export interface LabelPanelProps {
  canLabel: boolean;
  asset: string;
  draft: LabelDraftState | null;
  selected: Label | null;
  edit: LabelEditState | null;
  labels: readonly Label[];
  busy: boolean;
  onDraftChange: (draft: LabelDraftState) => void;
  onEditChange: (edit: LabelEditState) => void;
  onSave: () => void;
  onCancel: () => void;
  onDelete: () => void;
  onChoose: (label: Label) => void;
}

function ClassSelect({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  const known = LABEL_CLASSES.some((c) => c.id === value);
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={`${id}-select`}>
      {LABEL_CLASSES.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name} ({c.key})
        </option>
      ))}
      {!known && <option value={value}>{value}</option>}
    </select>
  );
}

const spanText = (from: string | number, to: string | number | null): string => {
  const a = typeof from === 'number' ? from : Date.parse(from);
  if (to === null) return `${formatWindow({ from: a, to: a }).split(' – ')[0]} UTC (event)`;
  const b = typeof to === 'number' ? to : Date.parse(to);
  return `${formatWindow({ from: a, to: b })} (${formatDuration(b - a)})`;
};

export const LabelPanel = forwardRef<HTMLTextAreaElement, LabelPanelProps>(function LabelPanel(p, noteRef) {
  return (
    <aside className="panel label-panel" aria-labelledby="label-heading">
      <h2 id="label-heading">Labels</h2>
      {!p.canLabel && <p className="notice notice-warning">Choose the use case the labels belong to (above) to mark spans.</p>}
      {p.draft !== null && (
        <form
          className="label-form"
          data-testid="label-draft"
          onSubmit={(e) => {
            e.preventDefault();
            p.onSave();
          }}
        >
          <h3>New span on {p.asset}</h3>
          <p className="hint">{spanText(p.draft.span.from, p.draft.span.to)}</p>
          <div className="field">
            <label htmlFor="label-class">Class</label>
            <ClassSelect id="label-class" value={p.draft.class} onChange={(v) => p.onDraftChange({ ...p.draft!, class: v })} />
          </div>
          <div className="field">
            <label htmlFor="label-note">Note</label>
            <textarea id="label-note" ref={noteRef} rows={3} maxLength={2000} value={p.draft.note} onChange={(e) => p.onDraftChange({ ...p.draft!, note: e.target.value })} data-testid="label-note" />
          </div>
          <div className="form-actions">
            <button type="submit" className="button-primary" disabled={p.busy || !p.canLabel} data-testid="label-save">
              Save span
            </button>
            <button type="button" className="button-quiet" onClick={p.onCancel}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {p.draft === null && p.selected !== null && p.edit !== null && (
        <form
          className="label-form"
          data-testid="label-edit"
          onSubmit={(e) => {
            e.preventDefault();
            p.onSave();
          }}
        >
          <h3>Chosen label</h3>
          <p className="hint">
            {spanText(p.selected.start, p.selected.end)} on {p.selected.asset}
          </p>
          <div className="field">
            <label htmlFor="label-edit-class">Class</label>
            <ClassSelect id="label-edit-class" value={p.edit.class} onChange={(v) => p.onEditChange({ ...p.edit!, class: v })} />
          </div>
          <div className="field">
            <label htmlFor="label-edit-start">Start (ISO 8601, UTC)</label>
            <input id="label-edit-start" type="text" value={p.edit.start} onChange={(e) => p.onEditChange({ ...p.edit!, start: e.target.value })} data-testid="label-edit-start" />
          </div>
          <div className="field">
            <label htmlFor="label-edit-end">End (empty for an event)</label>
            <input id="label-edit-end" type="text" value={p.edit.end} onChange={(e) => p.onEditChange({ ...p.edit!, end: e.target.value })} data-testid="label-edit-end" />
          </div>
          <div className="field">
            <label htmlFor="label-edit-note">Note</label>
            <textarea id="label-edit-note" ref={noteRef} rows={3} maxLength={2000} value={p.edit.note} onChange={(e) => p.onEditChange({ ...p.edit!, note: e.target.value })} data-testid="label-edit-note" />
          </div>
          <div className="form-actions">
            <button type="submit" className="button-primary" disabled={p.busy} data-testid="label-update">
              Save changes
            </button>
            <button type="button" className="button-danger" disabled={p.busy} onClick={p.onDelete} data-testid="label-delete">
              Delete label
            </button>
            <button type="button" className="button-quiet" onClick={p.onCancel}>
              Close
            </button>
          </div>
        </form>
      )}
      <h3>In view ({p.labels.length})</h3>
      {p.labels.length === 0 ? (
        <p className="muted">No label in this window.</p>
      ) : (
        <ul className="label-list" data-testid="label-list">
          {p.labels.map((l) => (
            <li key={l.id} data-testid="label-item" data-label-id={l.id}>
              <button type="button" className={`label-choose ${p.selected?.id === l.id ? 'label-chosen' : ''}`} aria-pressed={p.selected?.id === l.id} onClick={() => p.onChoose(l)}>
                <span className="label-swatch" style={{ background: classColour(l.class) }} aria-hidden="true" />
                <strong>{className(l.class)}</strong> <span className="hint">{spanText(l.start, l.end)}</span>
                {l.note !== '' && <span className="label-note-text" data-testid="label-note-text">{l.note}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3 id="shortcuts-heading">Keyboard shortcuts</h3>
      <dl className="shortcuts" aria-labelledby="shortcuts-heading" data-testid="shortcuts">
        {SHORTCUTS.map(([key, what]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
});
