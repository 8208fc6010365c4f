import { useEffect, useState } from 'react';
import { api, forgetKey, savedKey, type Me } from './api/client';
import { SignIn } from './sign-in/SignIn';
import { AdminView } from './admin/AdminView';
import { DeskView } from './desk/DeskView';
import { LogisticsView } from './logistics/LogisticsView';
import { StoreView } from './store/StoreView';

/** Shows the views of the signed-in key's role. */
export const App = () => {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(savedKey() !== null);

  useEffect(() => {
    if (!savedKey()) return;
    api
      .me()
      .then(setMe)
      .catch(() => forgetKey())
      .finally(() => setChecking(false));
  }, []);

  const signOut = () => {
    forgetKey();
    setMe(null);
  };

  if (checking) return <p className="loading">Loading…</p>;
  if (!me) return <SignIn onSignedIn={setMe} />;
  return (
    <div className="app">
      <header className="top">
        <span className="who">{me.name}</span>
        <button type="button" className="link" onClick={signOut}>
          Sign out
        </button>
      </header>
      {me.role === 'store' && me.locationId && <StoreView locationId={me.locationId} />}
      {me.role === 'checkout' && <DeskView />}
      {me.role === 'logistics' && <LogisticsView />}
      {me.role === 'admin' && <AdminView />}
    </div>
  );
};
