// The trace page's shortcuts: each listed key does its job, none fires while typing or with a modifier, and [ ] wrap round the labels.
import { describe, expect, it } from 'vitest';
import { SHORTCUTS } from '../components/label-panel.js';
import { shortcutAction, stepChoice, type KeyPress } from './trace-shortcuts.js';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, altKey: false, targetTag: 'BODY', targetEditable: false, ...extra });
const idle = { editing: false, chosen: false };
const editing = { editing: true, chosen: false };

describe('trace shortcuts', () => {
  it('zooms, pans, resets and switches the drag mode from anywhere on the page', () => {
    expect(shortcutAction(press('+'), idle)).toEqual({ kind: 'zoom', factor: 0.5 });
    expect(shortcutAction(press('='), idle)).toEqual({ kind: 'zoom', factor: 0.5 });
    expect(shortcutAction(press('-'), idle)).toEqual({ kind: 'zoom', factor: 2 });
    expect(shortcutAction(press('ArrowLeft'), idle)).toEqual({ kind: 'pan', share: -0.25 });
    expect(shortcutAction(press('ArrowRight'), idle)).toEqual({ kind: 'pan', share: 0.25 });
    expect(shortcutAction(press('0'), idle)).toEqual({ kind: 'reset' });
    expect(shortcutAction(press('M'), idle)).toEqual({ kind: 'toggle-mode' });
  });

  it('sets the class, focuses the note and saves only while a span or label is open', () => {
    expect(shortcutAction(press('2'), editing)).toEqual({ kind: 'class', classId: 'anomaly' });
    expect(shortcutAction(press('3'), editing)).toEqual({ kind: 'class', classId: 'maintenance' });
    expect(shortcutAction(press('2'), idle)).toBeNull();
    expect(shortcutAction(press('n'), editing)).toEqual({ kind: 'focus-note' });
    expect(shortcutAction(press('Enter'), editing)).toEqual({ kind: 'save' });
    expect(shortcutAction(press('Enter'), idle)).toBeNull();
    expect(shortcutAction(press('Delete'), { editing: true, chosen: true })).toEqual({ kind: 'delete' });
    expect(shortcutAction(press('Delete'), editing)).toBeNull();
  });

  it('stays out of the way while typing in a field or with Ctrl, Alt or Cmd held', () => {
    for (const targetTag of ['INPUT', 'TEXTAREA', 'SELECT']) expect(shortcutAction(press('+', { targetTag }), editing)).toBeNull();
    expect(shortcutAction(press('Enter', { targetEditable: true, targetTag: 'DIV' }), editing)).toBeNull();
    expect(shortcutAction(press('-', { ctrlKey: true }), idle)).toBeNull();
    expect(shortcutAction(press('0', { metaKey: true }), idle)).toBeNull();
    expect(shortcutAction(press('ArrowLeft', { altKey: true }), idle)).toBeNull();
    expect(shortcutAction(press('x'), idle)).toBeNull();
  });

  it('chooses the previous and next label, wrapping round, starting from either end', () => {
    const labels = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(stepChoice(labels, null, 1)?.id).toBe('a');
    expect(stepChoice(labels, null, -1)?.id).toBe('c');
    expect(stepChoice(labels, 'c', 1)?.id).toBe('a');
    expect(stepChoice(labels, 'a', -1)?.id).toBe('c');
    expect(stepChoice(labels, 'gone', 1)?.id).toBe('a');
    expect(stepChoice([], null, 1)).toBeUndefined();
  });

  it('documents every key it answers to on the page', () => {
    const listed = SHORTCUTS.map(([keys]) => keys).join(' ');
    for (const key of ['M', '+', '−', '←', '→', '0', '1', '2', '3', 'N', 'Enter', '[', ']', 'Delete', 'Esc']) expect(listed).toContain(key);
  });
});
