import { useState, type FormEvent } from 'react';

/** datetime-local speaks the browser's local time, to the second; the API takes an ISO instant. */
const toIso = (local: string): string => new Date(local).toISOString();

/** Shows the order as it stood at a chosen moment (read-only), or as it is now. */
export const AsOfPicker = ({ asOf, onChange }: { asOf: string | null; onChange: (asOf: string | null) => void }) => {
  const [value, setValue] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value) onChange(toIso(value));
  };
  return (
    <form className="inline as-of no-print" onSubmit={submit} aria-label="Time travel">
      <label>
        <span>Show as of</span>
        <input type="datetime-local" step={1} value={value} onChange={(e) => setValue(e.target.value)} required />
      </label>
      <button type="submit">Show</button>
      {asOf && (
        <button type="button" className="link" onClick={() => (setValue(''), onChange(null))}>
          Back to now
        </button>
      )}
    </form>
  );
};
