import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { context as otelContext, propagation, ROOT_CONTEXT, SpanStatusCode, trace, type Context } from '@opentelemetry/api';
import { correlationScope, SpanKind, tracingEnabled } from '@oms/messaging';
import type { Caller } from './auth/caller';

export const CORRELATION_HEADER = 'X-Correlation-Id';

/** What a service request needs to know about the HTTP request behind it; the guard fills in `caller`. */
export interface RequestContext {
  readonly correlationId: string;
  caller?: Caller;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

// A client-supplied id is echoed into logs and event metadata, so keep it short and printable.
const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Express middleware, first in the chain: adopts or mints the correlation id,
 * echoes it, and runs the rest of the request inside the scopes that logs and
 * the ServiceClient read.
 */
export const enterRequestContext = (req: Request, res: Response, next: NextFunction): void => {
  const supplied = req.header(CORRELATION_HEADER);
  const context: RequestContext = { correlationId: supplied && acceptable.test(supplied) ? supplied : randomUUID() };
  res.setHeader(CORRELATION_HEADER, context.correlationId);
  res.locals.requestContext = context;
  res.locals.traceContext = startHttpSpan(req, res);
  correlationScope.run(context.correlationId, () => requestContext.run(context, () => otelContext.with(res.locals.traceContext, next)));
};

/**
 * The request's server span, continuing a caller's `traceparent` if it sent
 * one; named after the matched route and ended when the response is.
 * Without tracing, the active context as it is.
 */
const startHttpSpan = (req: Request, res: Response): Context => {
  if (!tracingEnabled()) return otelContext.active();
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const span = trace.getTracer('oms').startSpan(`${req.method} ${req.path}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } }, parent);
  res.once('close', () => {
    const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : req.path;
    span.updateName(`${req.method} ${route}`);
    span.setAttributes({ 'http.route': route, 'http.response.status_code': res.statusCode, 'oms.correlation_id': (res.locals.requestContext as RequestContext).correlationId });
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  return trace.setSpan(parent, span);
};

/**
 * Re-enters the scopes after the body parser: it resumes on the socket's
 * stream events, where AsyncLocalStorage no longer sees the request's store.
 */
export const reenterRequestContext = (_req: Request, res: Response, next: NextFunction): void => {
  const context = res.locals.requestContext as RequestContext;
  correlationScope.run(context.correlationId, () => requestContext.run(context, () => otelContext.with(res.locals.traceContext, next)));
};

/**
 * Express middleware: one debug line per request, written when the response
 * is finished. Debug whatever the status: a 4xx is the caller's business, and
 * a 5xx is logged at error, once with its stack, by the problem filter.
 */
export const logRequest =
  (logger: { debug(message: string, context?: string): void }) =>
  (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const { correlationId } = res.locals.requestContext as RequestContext;
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      correlationScope.run(correlationId, () => logger.debug(`${req.method} ${req.originalUrl.split('?')[0]} ${res.statusCode} ${ms.toFixed(1)}ms`, 'http'));
    });
    next();
  };
