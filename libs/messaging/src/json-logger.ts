import { AsyncLocalStorage } from 'node:async_hooks';
import { activeTraceId } from './tracing';

/** The correlation id of the request or message being handled, for every log line written meanwhile. */
export const correlationScope = new AsyncLocalStorage<string>();

type Level = 'error' | 'warn' | 'info' | 'debug';
const order: Record<Level, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/** One JSON object per line on stdout, what log collectors expect; also serves as Nest's logger. */
export class JsonLogger {
  private readonly threshold = order[(process.env.LOG_LEVEL as Level) ?? 'info'] ?? order.info;

  constructor(private readonly service: string, private readonly context?: string) {}

  log(message: unknown, context?: string) {
    this.write('info', message, context);
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

  private write(level: Level, message: unknown, context?: string, trace?: string, always = false) {
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
      ...(trace || message instanceof Error ? { stack: trace ?? (message as Error).stack } : {}),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}
