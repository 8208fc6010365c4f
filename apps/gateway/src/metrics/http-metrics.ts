import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram } from 'prom-client';
import { MetricsRegistry } from './metrics-registry';

/** Request duration and count by route pattern (never the raw URL, whose ids would explode the label set). */
@Injectable()
export class HttpMetrics {
  private readonly duration: Histogram<'method' | 'route' | 'status'>;
  private readonly total: Counter<'method' | 'route' | 'status'>;

  constructor(registry: MetricsRegistry) {
    const labelNames = ['method', 'route', 'status'] as const;
    this.duration = new Histogram({
      name: 'oms_http_request_duration_seconds',
      help: 'HTTP request duration in seconds',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
    this.total = new Counter({ name: 'oms_http_requests_total', help: 'HTTP requests answered', labelNames, registers: [registry] });
  }

  /** Express middleware: observes each request when its response is finished. */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const stop = this.duration.startTimer();
    res.on('finish', () => {
      const labels = { method: req.method, route: routeOf(req), status: String(res.statusCode) };
      stop(labels);
      this.total.inc(labels);
    });
    next();
  };
}

/** Express sets `req.route` when a route matched; everything else (404s, static files) shares one label. */
const routeOf = (req: Request): string => (req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched');
