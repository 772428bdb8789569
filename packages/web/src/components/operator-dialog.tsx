// A modal dialog for the operator's actions: focus moves in, Tab stays inside, Escape closes, focus returns to the button that opened it.
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface OperatorDialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function OperatorDialog({ title, onClose, children, testId }: OperatorDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // showModal makes the rest of the page inert; the keydown handler below keeps Tab from leaving for the browser's own bar.
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>('[autofocus], ' + FOCUSABLE)?.focus();
    const onCancel = (event: Event): void => {
      event.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      // The opener may have re-rendered away (the action changed the card): then focus stays where the page puts it.
      if (opener !== null && opener.isConnected) opener.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>): void => {
    if (event.key !== 'Tab' || ref.current === null) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (first === undefined || last === undefined) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog ref={ref} className="operator-dialog" aria-labelledby={titleId} onKeyDown={onKeyDown} data-testid={testId}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}
