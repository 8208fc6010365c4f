import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context } from '@opentelemetry/api';
import type { MsgHdrs } from '@nats-io/transport-node';
import { DomainError } from '@oms/contracts';

let enabled = false;
let shutdown: (() => Promise<void>) | undefined;

/** True once `startTracing` found an OTLP endpoint; everything here is skipped otherwise. */
export const tracingEnabled = (): boolean => enabled;

/**
 * Starts the OpenTelemetry SDK for this process, first thing in main.ts:
 * spans exported over OTLP/HTTP (JSON) to `OTEL_EXPORTER_OTLP_ENDPOINT`,
 * W3C trace context as the propagator. Without the variable the SDK is not
 * even loaded, and the API calls elsewhere are no-ops.
 */
export const startTracing = (service: string): void => {
  if (enabled || !process.env.OTEL_EXPORTER_OTLP_ENDPOINT) return;
  // Loaded here, not imported, so that a process without tracing never loads the SDK.
  const { NodeTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { W3CTraceContextPropagator } = require('@opentelemetry/core') as typeof import('@opentelemetry/core');
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': process.env.OTEL_SERVICE_NAME || `oms-${service}` }),
    // The exporter reads the endpoint (appending /v1/traces) and headers from the OTEL_EXPORTER_OTLP_* variables.
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  enabled = true;
  shutdown = () => provider.shutdown();
  // Spans still in the batch go out before the process ends.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void provider.forceFlush().catch(() => undefined));
};

/** Flushes and stops the exporter (tests and orderly shutdowns). */
export const stopTracing = async (): Promise<void> => {
  await shutdown?.().catch(() => undefined);
};

const tracer = () => trace.getTracer('oms');

/** The W3C headers (`traceparent`, `tracestate`) of the active span, to write into a message; empty when tracing is off. */
export const traceHeaders = (from: Context = context.active()): Record<string, string> => {
  if (!enabled) return {};
  const carrier: Record<string, string> = {};
  propagation.inject(from, carrier);
  return carrier;
};

/** The trace context a message carries, from its NATS headers or from the traceparent stored with its event. */
export const traceContextOf = (headers: MsgHdrs | undefined, traceparent?: string): Context => {
  const carrier: Record<string, string> = {};
  const fromHeader = headers?.get('traceparent');
  if (fromHeader) {
    carrier.traceparent = fromHeader;
    const state = headers?.get('tracestate');
    if (state) carrier.tracestate = state;
  } else if (traceparent) carrier.traceparent = traceparent;
  return propagation.extract(ROOT_CONTEXT, carrier);
};

export interface SpanOptions {
  readonly kind?: SpanKind;
  readonly attributes?: Attributes;
  /** The parent; the active context when left out. */
  readonly parent?: Context;
}

/**
 * Runs `work` inside a new span made active for it; a thrown error is
 * recorded on the span (marking it failed unless it is a domain error) and rethrown. When tracing is off, runs `work` alone.
 */
export const inSpan = async <T>(name: string, options: SpanOptions, work: () => Promise<T>): Promise<T> => {
  if (!enabled) return work();
  const span = tracer().startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes }, options.parent ?? context.active());
  try {
    return await context.with(trace.setSpan(options.parent ?? context.active(), span), work);
  } catch (error) {
    span.recordException(error as Error);
    // An expected refusal (a domain error) is an answer, not a failure of the span.
    if (!(error instanceof DomainError)) span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
};

/** The active trace id, for log lines; undefined when there is none. */
export const activeTraceId = (): string | undefined => {
  if (!enabled) return undefined;
  const span = trace.getActiveSpan();
  return span?.spanContext().traceId;
};

export { SpanKind };
