import { AsyncLocalStorage } from 'node:async_hooks';
import { activeTraceId } from './tracing';

/** The correlation id of the request or message being handled, for every log line written meanwhile. */
export const correlationScope = new AsyncLocalStorage<string>();

type Level = 'error' | 'warn' | 'info' | 'debug';

/** Nest's own start-up chatter (modules loaded, every route mapped): debug, so that start-up is quiet at info. */
const NEST_INTERNALS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** A business decision worth one info line: what happened, and the ids to find the rest by. */
export interface Story {
  readonly message: string;
  readonly orderId?: string;
  readonly correlationId?: string;
  readonly traceId?: string;
  readonly [field: string]: unknown;
}
const order: Record<Level, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/** One JSON object per line on stdout, what log collectors expect; also serves as Nest's logger. */
export class JsonLogger {
  private readonly threshold = order[(process.env.LOG_LEVEL as Level) ?? 'info'] ?? order.info;

  constructor(private readonly service: string, private readonly context?: string) {}

  log(message: unknown, context?: string) {
    this.write(context && NEST_INTERNALS.has(context) ? 'debug' : 'info', message, context);
  }

  /** One info line for a business decision, its ids and facts as fields of their own. */
  tell({ message, ...fields }: Story, context?: string) {
    this.write('info', message, context, undefined, false, fields);
  }
  error(message: unknown, trace?: string, context?: string) {
    this.write('error', message, context, trace);
  }
  warn(message: unknown, context?: string) {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string) {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string) {
    this.write('debug', message, context);
  }

  /** A milestone written whatever LOG_LEVEL is: `npm start` and the tests wait for "ready". */
  announce(message: string) {
    this.write('info', message, undefined, undefined, true);
  }

  private write(level: Level, message: unknown, context?: string, trace?: string, always = false, fields: Record<string, unknown> = {}) {
    if (!always && order[level] > this.threshold) return;
    const text = message instanceof Error ? message.message : typeof message === 'string' ? message : JSON.stringify(message);
    const line = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      context: context ?? this.context,
      correlationId: correlationScope.getStore(),
      traceId: activeTraceId(),
      msg: text,
      ...fields,
      ...(trace || message instanceof Error ? { stack: trace ?? (message as Error).stack } : {}),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}
