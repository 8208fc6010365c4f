interface Waiting<A, R> {
  readonly append: A;
  readonly stream: string;
  readonly shape: string;
  readonly resolve: (result: R | Error) => void;
  readonly reject: (error: unknown) => void;
}

/** Statements in flight at once: while they run, the appends that arrive gather for the next. */
const IN_FLIGHT = 2;
/** Appends in one statement at most. */
const MAX_BATCH = 8;
/** A statement in flight this long (waiting for a row another transaction holds) no longer holds back the next. */
const SLOW_MS = 100;

/**
 * Group commit for appends outside a transaction. While statements are in
 * flight, the appends that arrive wait, and then appends of one shape go
 * together in one statement: one round trip and one commit for all of them,
 * each stream still checked against its own expected version, so a conflict
 * on one leaves the others written. A statement that fails as a whole (a row
 * of one append breaks a unique key) runs again append by append, so each
 * meets only its own error. A stream is in one append of a statement at
 * most: a second waits for the next. A statement held up by a row lock holds
 * up only the appends it carries.
 */
export class GroupCommit<A, R> {
  private readonly waiting: Waiting<A, R>[] = [];
  private inFlight = 0;

  /** `run` answers, for each append, what it wrote or the error it alone met. */
  constructor(private readonly run: (appends: readonly A[]) => Promise<Array<R | Error>>) {}

  append(append: A, stream: string, shape: string): Promise<R | Error> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ append, stream, shape, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < IN_FLIGHT && this.waiting.length > 0) {
      const { shape } = this.waiting[0];
      const streams = new Set<string>();
      const batch: Waiting<A, R>[] = [];
      for (let i = 0; i < this.waiting.length && batch.length < MAX_BATCH; ) {
        const next = this.waiting[i];
        if (next.shape !== shape || streams.has(next.stream)) i++;
        else {
          streams.add(next.stream);
          batch.push(...this.waiting.splice(i, 1));
        }
      }
      // In stream id order, the order transactions lock streams in: the two cannot deadlock.
      batch.sort((a, b) => (a.stream < b.stream ? -1 : 1));
      this.inFlight++;
      let done = false;
      const free = () => {
        if (done) return;
        done = true;
        this.inFlight--;
        this.pump();
      };
      const slow = setTimeout(free, SLOW_MS);
      void this.commit(batch).finally(() => {
        clearTimeout(slow);
        free();
      });
    }
  }

  private async commit(batch: readonly Waiting<A, R>[]): Promise<void> {
    let outcomes: Array<R | Error>;
    try {
      outcomes = await this.run(batch.map((w) => w.append));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      await Promise.all(batch.map((w) => this.commit([w])));
      return;
    }
    outcomes.forEach((outcome, i) => batch[i].resolve(outcome));
  }
}
