import { Injectable } from '@nestjs/common';
import { FulfilmentSubjects, type LateWork } from '@oms/contracts';
import { JsonLogger } from '@oms/messaging';
import { Gauge } from 'prom-client';
import { ServiceClient } from '../service-client';
import { MetricsRegistry } from './metrics-registry';

/** A scrape waits this long for the fulfilment service at most: metrics never hang on a service that is down. */
const SCRAPE_TIMEOUT_MS = 1000;

/**
 * Fulfilments whose work is past its due time (API.md "Promise"), by type,
 * asked of the fulfilment service at scrape time: lateness follows the clock,
 * so no event would tell when to count it.
 */
@Injectable()
export class LateWorkMetrics {
  private readonly logger = new JsonLogger('gateway', 'metrics');
  private readonly late: Gauge<'type'>;
  private readonly up: Gauge;

  constructor(registry: MetricsRegistry, private readonly services: ServiceClient) {
    this.late = new Gauge({ name: 'oms_fulfilments_late', help: 'Open fulfilments past their dueBy (not ready for pickup, not dispatched)', labelNames: ['type'], registers: [registry] });
    this.up = new Gauge({ name: 'oms_late_work_scrape_up', help: '1 when the last count of late fulfilments succeeded', registers: [registry] });
  }

  async refresh(): Promise<void> {
    try {
      const { late } = await this.services.request<LateWork>(FulfilmentSubjects.lateWork, {}, { timeoutMs: SCRAPE_TIMEOUT_MS });
      this.late.reset();
      for (const { type, count } of late) this.late.set({ type }, count);
      this.up.set(1);
    } catch (error) {
      this.up.set(0);
      this.logger.warn(`late work count failed: ${error instanceof Error ? error.message : error}`);
    }
  }
}
