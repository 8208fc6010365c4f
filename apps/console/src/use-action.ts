import { useCallback, useState } from 'react';
import { Problem } from './api/client';

/** One action in flight at a time: its button is disabled meanwhile; a failure keeps the problem's detail to show in place. */
export const useAction = () => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = useCallback(async <T,>(work: () => Promise<T>, success?: (result: T) => string): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = await work();
      if (success) setDone(success(result));
      return result;
    } catch (failure) {
      setError(failure instanceof Problem ? failure.detail : String(failure));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, done, run, clear: () => (setError(null), setDone(null)) };
};
