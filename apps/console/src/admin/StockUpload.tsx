import { useRef, useState, type FormEvent } from 'react';
import { parseStockCsv } from './stock-csv';
import { uploadCounts, type RowFailure } from './upload-counts';

interface Result {
  readonly total: number;
  readonly applied: number;
  readonly failures: readonly RowFailure[];
  readonly finished: boolean;
  readonly seconds: number;
}

/** A file that is all wrong still shows quickly: the first failures, and how many more. */
const FAILURES_SHOWN = 500;

/** Repainting on every answer would make a large file's upload the page's bottleneck: at most this often. */
const REPAINT_MS = 100;

/** Stock counts uploaded as CSV (locationId,sku,onHand[,safetyStock]), with a result per row. */
export const StockUpload = () => {
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return;
    setBusy(true);
    const started = performance.now();
    const rows = parseStockCsv(await file.text());
    let painted = 0;
    const show = (applied: number, failures: readonly RowFailure[], finished = false) => {
      const now = performance.now();
      if (!finished && now - painted < REPAINT_MS) return;
      painted = now;
      setResult({ total: rows.length, applied, failures: [...failures], finished, seconds: (now - started) / 1000 });
    };
    let last: [number, readonly RowFailure[]] = [0, []];
    await uploadCounts(rows, (applied, failures) => {
      last = [applied, failures];
      show(applied, failures);
    });
    show(...last, true);
    setBusy(false);
  };

  const done = result ? result.applied + result.failures.length : 0;
  return (
    <>
      <h1>Stock upload</h1>
      <form className="inline" onSubmit={submit}>
        <label>
          <span>Stock counts (CSV)</span>
          <input ref={input} type="file" accept=".csv,text/csv,text/plain" required />
        </label>
        <button type="submit" disabled={busy}>
          Upload
        </button>
      </form>
      <p className="hint">One count a line: locationId,sku,onHand[,safetyStock]; a header row is optional. Uploading the same file again applies nothing twice.</p>
      {result && (
        <section aria-label="Upload result">
          <progress max={result.total} value={done} aria-label="Rows done" aria-valuetext={`${done} of ${result.total}`} />
          <p role="status" className={result.finished ? 'done' : 'hint'}>
            {result.finished ? 'Done' : 'Uploading'}: {result.applied} applied, {result.failures.length} failed of {result.total} rows
            {result.finished ? ` in ${result.seconds.toFixed(1)} s` : ''}
          </p>
          {result.finished && result.failures.length > 0 && (
            <table aria-label="Failed rows">
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {result.failures.slice(0, FAILURES_SHOWN).map((failure) => (
                  <tr key={failure.line}>
                    <td>{failure.line}</td>
                    <td>{failure.problem}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {result.finished && result.failures.length > FAILURES_SHOWN && <p className="hint">and {result.failures.length - FAILURES_SHOWN} more failed rows</p>}
        </section>
      )}
    </>
  );
};
