import { RequestError, TimeoutError, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { DomainError, type SerializedDomainError } from '@oms/contracts';
import { ACTOR, CORRELATION_ID, toHeaders } from './headers';
import { inSpan, SpanKind, traceContextOf, traceHeaders } from './tracing';

/** A reply is either a value or an expected refusal; anything else became a 500 on the server side. */
type Reply<T> = { ok: T } | { error: SerializedDomainError } | { failure: string };

export interface RequestContext {
  readonly correlationId: string;
  readonly actor: string;
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
 * service share the load. Domain errors cross the wire intact; other errors
 * are reported to `onFailure` and answered as failures.
 */
export const serve = (
  nc: NatsConnection,
  subject: string,
  queue: string,
  handler: RequestHandler,
  onFailure: (error: unknown, subject: string) => void,
): Subscription =>
  nc.subscribe(subject, {
    queue,
    callback: (error, msg) => {
      if (error) return onFailure(error, subject);
      void answer(msg, handler, onFailure);
    },
  });

const answer = async (msg: Msg, handler: RequestHandler, onFailure: (error: unknown, subject: string) => void) => {
  const context: RequestContext = {
    correlationId: msg.headers?.get(CORRELATION_ID) || 'none',
    actor: msg.headers?.get(ACTOR) || 'system',
  };
  let reply: Reply<unknown>;
  try {
    const payload = msg.data.length > 0 ? msg.json() : undefined;
    const traced = { kind: SpanKind.SERVER, parent: traceContextOf(msg.headers), attributes: { 'messaging.destination.name': msg.subject } };
    reply = { ok: (await inSpan(`serve ${msg.subject}`, traced, () => handler(payload, context))) ?? null };
  } catch (error) {
    if (error instanceof DomainError) reply = { error: error.toJSON() };
    else {
      onFailure(error, msg.subject);
      reply = { failure: error instanceof Error ? error.message : String(error) };
    }
  }
  msg.respond(JSON.stringify(reply));
};

/** Sends a request and unwraps the reply: DomainError and ServiceUnavailable are thrown as such. */
export const request = async <T>(nc: NatsConnection, subject: string, payload: unknown, context: RequestContext, timeoutMs = 5000): Promise<T> => {
  let msg: Msg;
  try {
    // In a client span whose context the headers carry, so the service's span is its child.
    msg = await inSpan(`request ${subject}`, { kind: SpanKind.CLIENT }, () =>
      nc.request(subject, JSON.stringify(payload ?? null), {
        timeout: timeoutMs,
        headers: toHeaders({ [CORRELATION_ID]: context.correlationId, [ACTOR]: context.actor, ...traceHeaders() }),
      }),
    );
  } catch (error) {
    if (error instanceof RequestError && error.isNoResponders()) throw new ServiceUnavailable(subject, 'no service is answering');
    if (error instanceof TimeoutError || (error instanceof RequestError && error.cause instanceof TimeoutError))
      throw new ServiceUnavailable(subject, `no answer within ${timeoutMs} ms`);
    throw new ServiceUnavailable(subject, error instanceof Error ? error.message : String(error));
  }
  const reply = msg.json<Reply<T>>();
  if ('ok' in reply) return reply.ok;
  if ('error' in reply) throw DomainError.fromJSON(reply.error);
  throw new ServiceFailure(subject, reply.failure);
};
