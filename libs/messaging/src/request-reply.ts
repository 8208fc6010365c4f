import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { DomainError, type SerializedDomainError } from '@oms/contracts';
import { randomUUID } from 'node:crypto';
import { ACTOR, CORRELATION_ID, DEADLINE, REQUEST_ID, toHeaders } from './headers';
import { replyInboxOf, type Answer } from './reply-inbox';
import { inSpan, SpanKind, traceContextOf, traceHeaders } from './tracing';

/**
 * A reply is a value, an expected refusal, a dependency of the service down
 * for now (its database: a 503, worth asking again), or an unexpected failure
 * (a 500).
 */
type Reply<T> = { ok: T } | { error: SerializedDomainError } | { unavailable: string } | { failure: string };

export interface RequestContext {
  readonly correlationId: string;
  readonly actor: string;
  /** On the serving side: when the caller stops waiting (epoch ms), for a handler that queues work before deciding. */
  readonly deadline?: number;
}

/** The service behind a subject did not answer: no responder, or no answer in time. */
export class ServiceUnavailable extends Error {
  constructor(readonly subject: string, reason: string) {
    super(`${subject}: ${reason}`);
    this.name = 'ServiceUnavailable';
  }
}

/** The service answered but failed unexpectedly. */
export class ServiceFailure extends Error {
  constructor(readonly subject: string, message: string) {
    super(`${subject}: ${message}`);
    this.name = 'ServiceFailure';
  }
}

export type RequestHandler = (payload: any, context: RequestContext) => Promise<unknown>;

/**
 * Answers requests on a subject within a queue group, so instances of a
 * service share the load, and on its every-instance subject (see `request`). Domain errors cross the wire intact; other errors
 * are reported to `onFailure` and answered as failures (or as unavailable,
 * when `isTransient`). A request that arrives after its caller stopped
 * waiting (an instance frozen, then resumed, working through what it held)
 * is dropped unhandled: the caller has asked again elsewhere or given up, and
 * a late effect could contradict the answer it got there. A repeat of a
 * request this instance is still working on, or answered while the caller
 * still waits (its caller found it slow), is answered with that work's
 * reply, not worked on a second time: repeats would otherwise multiply the
 * work of an instance slow because it is loaded.
 */
export const serve = (
  nc: NatsConnection,
  subject: string,
  queue: string,
  handler: RequestHandler,
  onFailure: (error: unknown, subject: string) => void,
  isTransient: (error: unknown) => boolean = () => false,
): { unsubscribe(): void } => {
  /** Requests worked on or answered lately, by request id: their repeats are answered with the same reply. */
  const inFlight = new Map<string, Promise<string | undefined>>();
  const callback = (error: Error | null, msg: Msg) => {
    if (error) return onFailure(error, subject);
    const id = msg.headers?.get(REQUEST_ID);
    const working = id ? inFlight.get(id) : undefined;
    if (working) return void working.then((reply) => reply !== undefined && msg.respond(reply));
    const reply = answer(msg, handler, onFailure, isTransient);
    if (!id) return;
    inFlight.set(id, reply);
    // Kept while the caller may still repeat it: a repeat sent as the reply was on its way gets that reply too. Not "unavailable": a repeat then asks again.
    const waits = Math.min(Math.max(0, Number(msg.headers?.get(DEADLINE)) - Date.now()) || 0, REPLY_KEPT_AT_MOST_MS);
    void reply.then((sent) => (sent?.startsWith(UNAVAILABLE) ? inFlight.delete(id) : setTimeout(() => inFlight.delete(id), waits).unref()));
  };
  const subscriptions: Subscription[] = [nc.subscribe(subject, { queue, callback }), nc.subscribe(everyInstanceOf(subject), { callback })];
  return { unsubscribe: () => subscriptions.forEach((subscription) => subscription.unsubscribe()) };
};

const UNAVAILABLE = '{"unavailable"';

/** How long a reply stays at hand for repeats of its request, at most (until the caller's deadline otherwise). */
const REPLY_KEPT_AT_MOST_MS = 10_000;

/** Where a request reaches every instance of the service at once, rather than the one NATS picks. */
const everyInstanceOf = (subject: string): string => `${subject}.every-instance`;

/**
 * Attempts of a repeatable request that go to the queue group, one instance
 * each; the later ones go to every instance. NATS picks a queue member at
 * random, so each repeat could reach the same frozen instance (an instance
 * paused, its connection still open) until the deadline; the first live
 * instance to answer a broadcast wins, and only requests already unanswered
 * this long pay for it.
 */
const QUEUED_ATTEMPTS = 2;

/** Answers the request; resolves to the reply sent, or undefined when the caller had stopped waiting. */
const answer = async (msg: Msg, handler: RequestHandler, onFailure: (error: unknown, subject: string) => void, isTransient: (error: unknown) => boolean): Promise<string | undefined> => {
  const deadline = Number(msg.headers?.get(DEADLINE)) || undefined;
  if (deadline !== undefined && Date.now() > deadline) return undefined;
  const context: RequestContext = {
    correlationId: msg.headers?.get(CORRELATION_ID) || 'none',
    actor: msg.headers?.get(ACTOR) || 'system',
    ...(deadline !== undefined ? { deadline } : {}),
  };
  let reply: Reply<unknown>;
  try {
    const payload = msg.data.length > 0 ? msg.json() : undefined;
    const traced = { kind: SpanKind.SERVER, parent: traceContextOf(msg.headers), attributes: { 'messaging.destination.name': msg.subject } };
    reply = { ok: (await inSpan(`serve ${msg.subject}`, traced, () => handler(payload, context))) ?? null };
  } catch (error) {
    if (error instanceof DomainError) reply = { error: error.toJSON() };
    else if (isTransient(error)) reply = { unavailable: error instanceof Error ? error.message : String(error) };
    else {
      onFailure(error, msg.subject);
      reply = { failure: error instanceof Error ? error.message : String(error) };
    }
  }
  const sent = JSON.stringify(reply);
  msg.respond(sent);
  return sent;
};

export interface RequestOptions {
  /** The overall deadline: no answer by then is a ServiceUnavailable. */
  readonly timeoutMs?: number;
  /**
   * For requests safe to repeat only (reads, idempotent commands): unanswered
   * this long, the request is sent again, so that another instance of the
   * service may take it when the first one died or stalls; whichever attempt
   * answers first wins, within the same overall deadline.
   */
  readonly repeatAfterMs?: number;
  /** One attempt only, even when no instance is subscribed (a health probe reports what is, now). */
  readonly once?: boolean;
}

/**
 * For a read one service makes of another while it serves a request: sent
 * again after a second without an answer, so that an instance frozen with
 * its connection open does not fail the caller's request.
 */
export const SAFE_TO_REPEAT: RequestOptions = { repeatAfterMs: 1_000 };

/** Pause before asking again when no instance was subscribed: one may be starting, or NATS is dropping a dead one. */
const NO_RESPONDERS_PAUSE_MS = 100;
/** Pause before asking again an instance whose database was down. */
const UNAVAILABLE_PAUSE_MS = 250;

/**
 * Sends a request and unwraps the reply: DomainError and ServiceUnavailable
 * are thrown as such. A request no instance was subscribed to reached no one,
 * so it is sent again after a short pause until the deadline, whatever the
 * request; one that may have reached an instance is repeated only when the
 * caller says it is safe to (`repeatAfterMs`).
 */
export const request = async <T>(
  nc: NatsConnection,
  subject: string,
  payload: unknown,
  context: RequestContext,
  options: number | RequestOptions = {},
): Promise<T> => {
  const { timeoutMs: asked = 5000, repeatAfterMs, once = false } = typeof options === 'number' ? { timeoutMs: options } : options;
  // Asked while serving a request: an answer later than that caller waits is of no use to anyone.
  const timeoutMs = context.deadline === undefined ? asked : Math.min(asked, Math.max(0, context.deadline - Date.now()));
  // In a client span whose context the headers carry, so the service's span is its child.
  const reply = await inSpan(`request ${subject}`, { kind: SpanKind.CLIENT }, () =>
    firstAnswer<T>(nc, subject, JSON.stringify(payload ?? null), context, timeoutMs, once ? undefined : repeatAfterMs, once),
  );
  if ('ok' in reply) return reply.ok;
  if ('error' in reply) throw DomainError.fromJSON(reply.error);
  if ('unavailable' in reply) throw new ServiceUnavailable(subject, reply.unavailable);
  throw new ServiceFailure(subject, reply.failure);
};

/**
 * The first reply of one or more attempts, all within one deadline. A
 * repeatable request answered "unavailable" (the instance's database is
 * restarting) is asked again after a pause, and that answer stands only if
 * nothing better comes in time.
 */
const firstAnswer = <T>(
  nc: NatsConnection,
  subject: string,
  data: string,
  context: RequestContext,
  timeoutMs: number,
  repeatAfterMs: number | undefined,
  once: boolean,
): Promise<Reply<T>> =>
  new Promise<Reply<T>>((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const trace = traceHeaders();
    const requestId = repeatAfterMs === undefined ? undefined : randomUUID();
    let done = false;
    let next: NodeJS.Timeout | undefined;
    let reason = `no answer within ${timeoutMs} ms`;
    let unavailable: Reply<T> | undefined;
    const replies = replyInboxOf(nc);
    const forget: Array<() => void> = [];
    const finish = (outcome: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(next);
      clearTimeout(overall);
      forget.forEach((stopWaiting) => stopWaiting());
      outcome();
    };
    const overall = setTimeout(() => finish(() => (unavailable ? resolve(unavailable) : reject(new ServiceUnavailable(subject, reason)))), timeoutMs);
    const schedule = (delayMs: number) => {
      clearTimeout(next);
      if (Date.now() + delayMs < deadline) next = setTimeout(attempt, delayMs);
    };
    // E.g. the connection closed: the request may have reached an instance, so only a repeatable one is sent again.
    const failed = (why: string) => {
      reason = why;
      if (once || repeatAfterMs === undefined) return finish(() => reject(new ServiceUnavailable(subject, reason)));
      schedule(NO_RESPONDERS_PAUSE_MS);
    };
    const answered = (answer: Answer) => {
      if (done) return;
      if ('noResponders' in answer) {
        reason = 'no service is answering';
        if (once) return finish(() => reject(new ServiceUnavailable(subject, reason)));
        return schedule(NO_RESPONDERS_PAUSE_MS);
      }
      if ('closed' in answer) return failed('the connection closed');
      const reply = answer.reply.json<Reply<T>>();
      if (!('unavailable' in reply) || repeatAfterMs === undefined) return finish(() => resolve(reply));
      unavailable = reply;
      schedule(UNAVAILABLE_PAUSE_MS);
    };
    let attempts = 0;
    const attempt = () => {
      if (done) return;
      if (deadline - Date.now() <= 0) return;
      const headers = toHeaders({ [CORRELATION_ID]: context.correlationId, [ACTOR]: context.actor, [DEADLINE]: String(deadline), [REQUEST_ID]: requestId, ...trace });
      const to = repeatAfterMs !== undefined && ++attempts > QUEUED_ATTEMPTS ? everyInstanceOf(subject) : subject;
      try {
        forget.push(replies.send(to, data, headers, answered));
      } catch (error) {
        return failed(error instanceof Error ? error.message : String(error));
      }
      if (repeatAfterMs !== undefined) schedule(repeatAfterMs);
    };
    attempt();
  });
