import { useState, type FormEvent } from 'react';
import { api, saveKey, type Me } from '../api/client';
import { Outcome } from '../outcome';
import { useAction } from '../use-action';

/** Asks for an API key and keeps it for this browser tab only. */
export const SignIn = ({ onSignedIn }: { onSignedIn: (me: Me) => void }) => {
  const [key, setKey] = useState('');
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const me = await action.run(() => api.me(key.trim()));
    if (me) {
      saveKey(key.trim());
      onSignedIn(me);
    }
  };
  return (
    <main className="sign-in">
      <h1>Operations console</h1>
      <form onSubmit={submit}>
        <label htmlFor="api-key">API key</label>
        <input id="api-key" type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} required />
        <button type="submit" disabled={action.busy || key.trim() === ''}>
          Sign in
        </button>
        <Outcome error={action.error} />
      </form>
      <p className="hint">The key is kept for this browser tab only.</p>
    </main>
  );
};
