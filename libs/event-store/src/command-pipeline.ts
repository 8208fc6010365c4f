import { DomainError, type Command, type Message } from '@oms/contracts';
import { ConcurrencyError } from './concurrency-error';
import type { AlongsideRow, EventStore, Tx } from './event-store';
import type { CommandPipelineOptions, PipelineConfig, StreamChange, StreamState } from './pipeline-config';
import { StreamSession, type KnownStream } from './stream-session';
import { inCommandSpan } from './trace-context';

export interface HandleOptions<S> {
  /** What the caller knows of the stream; a stale guess costs one retry, never a wrong append. */
  readonly known?: StreamState<S>;
  /** More rows written by the append's statement (e.g. claiming an idempotency key); an error in one records nothing. */
  readonly alongside?: readonly AlongsideRow[];
  /** More work for the transaction of the events, for this command only (e.g. keeping a pickup code it made). */
  readonly also?: (tx: Tx, change: StreamChange<S>) => Promise<void>;
  /**
   * A transaction the caller owns (e.g. one that also marks a timer fired):
   * nothing is retried here, a version conflict rolls the caller's work back
   * and is theirs to run again.
   */
  readonly tx?: Tx;
}

/** Postgres deadlock and serialization failures: the transaction did nothing and can run again. */
const RETRYABLE_SQLSTATES = new Set(['40P01', '40001']);

const retryable = (error: unknown): boolean =>
  error instanceof ConcurrencyError || RETRYABLE_SQLSTATES.has((error as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (error as { code?: string })?.code ?? '');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Full jitter: spreads the retries of writers that collided on a hot stream. */
const backoffMs = (attempt: number, baseMs = 2, capMs = 200): number => Math.random() * Math.min(capMs, baseMs * 2 ** attempt);

/**
 * The write pipeline of every aggregate: load → decide → append the events
 * with the loaded version as the expected one, with their outbox messages,
 * state row and read models, atomically; on a version conflict (or a
 * deadlock) the work runs again on fresh state after a jittered pause.
 * Domain errors thrown by `decide` propagate. Configured once per aggregate.
 */
export class CommandPipeline<C extends Command, E extends Message, S> {
  private readonly config: PipelineConfig<C, E, S>;
  private readonly remembered = new Map<string, KnownStream<S>>();

  constructor(store: EventStore, options: CommandPipelineOptions<C, E, S>) {
    this.config = { ...options, store, snapshotEvery: options.snapshotEvery ?? 100 };
  }

  /** The last version of the stream this process committed or read: possibly behind the stored one, never ahead. */
  recalled(streamId: string): StreamState<S> | undefined {
    return this.remembered.get(streamId);
  }

  /** The stored state of the stream (its initial state and version 0 when it has no events). */
  async load(streamId: string): Promise<StreamState<S>> {
    const loaded = await new StreamSession(this.config, this.remembered).load(streamId);
    this.remember(streamId, loaded);
    return loaded;
  }

  /**
   * Decides the commands in turn on one stream and appends what they decided:
   * one statement and no transaction, unless `also` asks for one.
   */
  async handle(streamId: string, commands: readonly C[], options: HandleOptions<S> = {}): Promise<StreamChange<S>> {
    if (options.tx) return (await this.handleOnce(streamId, commands, options.known, options, options.tx)).change;
    let guess = options.known ?? this.remembered.get(streamId);
    // Everything that commits with the events is part of their statement: a transaction only for the caller's own work.
    const alone = !options.also;
    const span = `command ${commands.map((c) => c.type).join(',')}`;
    return inCommandSpan(span, { 'oms.stream_id': streamId }, () => this.retrying(
      async () => {
        const { change, known } = alone
          ? await this.handleOnce(streamId, commands, guess, options)
          : await this.config.store.transaction((tx) => this.handleOnce(streamId, commands, guess, options, tx));
        this.remember(streamId, known);
        return change;
      },
      () => {
        this.remembered.delete(streamId);
        guess = undefined;
      },
    ));
  }

  /**
   * Runs work over several streams in one transaction, all or nothing: the
   * session locks and decides, and what it decided is appended when the work
   * is done. The whole transaction runs again on a conflict.
   */
  transaction<T>(work: (session: StreamSession<C, E, S>) => Promise<T>): Promise<T> {
    return inCommandSpan('command transaction', {}, () => this.retrying(
      async () => {
        let session: StreamSession<C, E, S> | undefined;
        const result = await this.config.store.transaction(async (tx) => {
          session = new StreamSession(this.config, this.remembered, tx);
          const done = await work(session);
          await session.flush();
          return done;
        });
        // Only after the commit: what this process remembers is always a committed version.
        for (const [streamId, known] of session!.touched) this.remember(streamId, known);
        return result;
      },
      () => undefined,
    ));
  }

  private async handleOnce(
    streamId: string,
    commands: readonly C[],
    guess: StreamState<S> | undefined,
    options: HandleOptions<S>,
    tx?: Tx,
  ): Promise<{ change: StreamChange<S>; known: KnownStream<S> }> {
    const session = new StreamSession(this.config, this.remembered, tx);
    await session.load(streamId, guess);
    let verdict = decideOn(session, streamId, commands);
    // Nothing to do, or a refusal, may be the verdict of a stale memory: judge again on the stored stream.
    const settled = verdict === 0 && commands.every((c) => this.config.settledWhenRepeated?.(c) ?? false);
    if (guess && !settled && (verdict instanceof DomainError || verdict === 0)) {
      await session.load(streamId);
      verdict = decideOn(session, streamId, commands);
    }
    if (verdict instanceof DomainError) throw verdict;
    const change = (await session.flush(options.alongside)).get(streamId);
    const known = session.touched.get(streamId)!;
    if (!change) return { change: { streamId, state: known.state, version: known.version, events: [] }, known };
    if (tx) await options.also?.(tx, change);
    return { change, known };
  }

  private async retrying<T>(attempt: () => Promise<T>, onFailure: () => void): Promise<T> {
    const maxAttempts = this.config.maxAttempts ?? 20;
    for (let n = 0; ; n++) {
      try {
        return await attempt();
      } catch (error) {
        onFailure();
        if (!retryable(error) || n + 1 >= maxAttempts) throw error;
        await sleep(backoffMs(n));
      }
    }
  }

  private remember(streamId: string, known: KnownStream<S>): void {
    const capacity = this.config.remember ?? 0;
    if (capacity === 0) return;
    const before = this.remembered.get(streamId);
    if (before && before.version > known.version) return;
    this.remembered.delete(streamId);
    this.remembered.set(streamId, known);
    if (this.remembered.size > capacity) this.remembered.delete(this.remembered.keys().next().value!);
  }
}

/** How many events the commands decided, or their refusal. */
const decideOn = <C extends Command, E extends Message, S>(session: StreamSession<C, E, S>, streamId: string, commands: readonly C[]): number | DomainError => {
  const before = session.touched.get(streamId)!.version;
  try {
    session.decide(commands.map((command) => ({ streamId, command })));
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  return session.touched.get(streamId)!.version - before;
};
