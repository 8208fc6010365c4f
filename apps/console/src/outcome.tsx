/** What an action came to, shown where it was made: the problem's detail as an alert, a success as a status. */
export const Outcome = ({ error, done }: { error: string | null; done?: string | null }) => (
  <>
    {error && (
      <p role="alert" className="problem">
        {error}
      </p>
    )}
    {done && (
      <p role="status" className="done">
        {done}
      </p>
    )}
  </>
);
