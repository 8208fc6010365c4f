import { context, propagation, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';

/**
 * The W3C traceparent of the active span, stored with each event so that the
 * outbox relay, publishing it later, continues the trace of the command that
 * wrote it. Undefined when nothing is traced (no SDK started: no span is ever active).
 */
export const activeTraceparent = (): string | undefined => {
  if (!trace.getActiveSpan()) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
};

/** Runs a command's load-decide-append (with its retries) in a span, when a trace is under way; otherwise runs it alone. */
export const inCommandSpan = async <T>(name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> => {
  if (!trace.getActiveSpan()) return work();
  return trace.getTracer('oms').startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
};
