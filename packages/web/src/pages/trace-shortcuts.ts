// The trace page's keyboard shortcuts (listed on the page by label-panel.tsx): which key does what, as a pure mapping.
import { LABEL_CLASSES } from '../components/label-panel.js';

export type TraceAction =
  | { kind: 'zoom'; factor: number }
  | { kind: 'pan'; share: number }
  | { kind: 'reset' }
  | { kind: 'toggle-mode' }
  | { kind: 'focus-note' }
  | { kind: 'save' }
  | { kind: 'delete' }
  | { kind: 'cancel' }
  | { kind: 'class'; classId: string }
  | { kind: 'choose'; step: -1 | 1 };

/** What the page has open: a new span, a chosen label, or neither. */
export interface ShortcutState {
  editing: boolean;
  chosen: boolean;
}

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The tag of the focused element; shortcuts stay out of the way while typing. */
  targetTag: string;
  targetEditable: boolean;
}

/** The action of a key press, or null: not a shortcut here (the browser keeps it). */
export function shortcutAction(press: KeyPress, state: ShortcutState): TraceAction | null {
  if (press.targetEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(press.targetTag)) return null;
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  const cls = LABEL_CLASSES.find((c) => c.key === press.key);
  if (cls !== undefined) return state.editing ? { kind: 'class', classId: cls.id } : null;
  switch (press.key) {
    case '+':
    case '=':
      return { kind: 'zoom', factor: 0.5 };
    case '-':
      return { kind: 'zoom', factor: 2 };
    case '0':
      return { kind: 'reset' };
    case 'ArrowLeft':
      return { kind: 'pan', share: -0.25 };
    case 'ArrowRight':
      return { kind: 'pan', share: 0.25 };
    case 'm':
    case 'M':
      return { kind: 'toggle-mode' };
    case 'n':
    case 'N':
      return state.editing ? { kind: 'focus-note' } : null;
    case 'Enter':
      return state.editing ? { kind: 'save' } : null;
    case 'Delete':
      return state.chosen ? { kind: 'delete' } : null;
    case 'Escape':
      return { kind: 'cancel' };
    case '[':
      return { kind: 'choose', step: -1 };
    case ']':
      return { kind: 'choose', step: 1 };
    default:
      return null;
  }
}

/** The label `step` away from the chosen one in a list, wrapping round; the first or last when none is chosen. */
export function stepChoice<T extends { id: string }>(items: readonly T[], chosenId: string | null, step: -1 | 1): T | undefined {
  if (items.length === 0) return undefined;
  const at = chosenId === null ? -1 : items.findIndex((i) => i.id === chosenId);
  if (at < 0) return step === 1 ? items[0] : items[items.length - 1];
  return items[(at + step + items.length) % items.length];
}
