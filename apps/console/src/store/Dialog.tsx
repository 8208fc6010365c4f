import type { FormEvent, ReactNode } from 'react';

/** A panel inside the job it acts on (not a modal): on a phone it pushes the rest down rather than covering it. */
export const Dialog = ({ title, onSubmit, onClose, children }: { title: string; onSubmit: (event: FormEvent) => void; onClose: () => void; children: ReactNode }) => (
  <form role="dialog" aria-label={title} className="dialog" onSubmit={onSubmit} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
    <h4>{title}</h4>
    {children}
    <button type="button" className="link" onClick={onClose}>
      Close
    </button>
  </form>
);
