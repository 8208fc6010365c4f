import { FULFILMENT_STATUS_AFTER } from '@oms/contracts';
import { Counter, Histogram, type Registry } from 'prom-client';

/** A published event as the metrics read it: loosely, since its shape belongs to the service that wrote it. */
export interface ObservedEvent {
  readonly service: string;
  readonly type: string;
  readonly data: Record<string, any>;
  readonly recordedAt?: string;
}

/** Remembers the most recent entries only: the metrics must not grow with the number of orders ever seen. */
class Recent<V> extends Map<string, V> {
  constructor(private readonly limit: number) {
    super();
  }
  override set(key: string, value: V): this {
    if (!this.has(key) && this.size >= this.limit) this.delete(this.keys().next().value!);
    return super.set(key, value);
  }
}

const RECENT = 100_000;
const seconds = (from: string | undefined, to: string | undefined): number | undefined => {
  if (!from || !to) return undefined;
  const s = (Date.parse(to) - Date.parse(from)) / 1000;
  return Number.isFinite(s) && s >= 0 ? s : undefined;
};


interface OrderFacts {
  readonly channel: string;
  readonly method: string;
  readonly placedAt: string;
  routed: boolean;
  allocated: boolean;
}

interface FulfilmentFacts {
  readonly type: string;
  readonly locationId: string;
  status: string;
  since: string;
}

/**
 * The business metrics, all derived here from the events the services
 * publish (order and fulfilment events, as the live feed sees them), so no
 * service counts anything itself. Durations come from the times the events
 * carry, not from when the gateway saw them. Every gateway instance sees
 * every event: aggregate instances with `max`, not `sum`. Free of Nest, so
 * that it is tested as the pure derivation it is (the module provides it).
 */
export class BusinessMetrics {
  private readonly placed: Counter<'channel' | 'method'>;
  private readonly allocated: Counter<'channel' | 'method'>;
  private readonly backordered: Counter<'channel' | 'method'>;
  private readonly cancelled: Counter<'channel' | 'method'>;
  private readonly allocations: Counter<'channel' | 'method'>;
  private readonly allocationLatency: Histogram<'channel'>;
  private readonly routingTime: Histogram<'channel'>;
  private readonly reservationsRefused: Counter;
  private readonly rerouted: Counter<'reason'>;
  private readonly fulfilments: Counter<'status' | 'location' | 'type'>;
  private readonly lateFulfilments: Counter<'location' | 'deadline'>;
  private readonly timeInState: Histogram<'state' | 'type'>;
  private readonly pickupsExpired: Counter<'location'>;
  private readonly returned: Counter<'condition' | 'location'>;
  private readonly orders = new Recent<OrderFacts>(RECENT);
  private readonly fulfilmentsSeen = new Recent<FulfilmentFacts>(RECENT);

  constructor(registry: Registry) {
    const registers = [registry];
    const byOrder = ['channel', 'method'] as const;
    this.placed = new Counter({ name: 'oms_orders_placed_total', help: 'Orders placed, by channel and delivery method', labelNames: byOrder, registers });
    this.allocated = new Counter({ name: 'oms_orders_allocated_total', help: 'Orders that got their first allocation, by channel and delivery method', labelNames: byOrder, registers });
    this.backordered = new Counter({ name: 'oms_orders_backordered_total', help: 'Times lines of an order were backordered, by channel and delivery method', labelNames: byOrder, registers });
    this.cancelled = new Counter({ name: 'oms_orders_cancelled_total', help: 'Orders cancelled, by channel and delivery method', labelNames: byOrder, registers });
    this.allocations = new Counter({ name: 'oms_allocations_total', help: 'Allocations made, by channel and allocation method', labelNames: byOrder, registers });
    const latencyBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600];
    this.allocationLatency = new Histogram({
      name: 'oms_order_placed_to_allocated_seconds',
      help: 'From an order being placed to its first allocation',
      labelNames: ['channel'],
      buckets: latencyBuckets,
      registers,
    });
    this.routingTime = new Histogram({
      name: 'oms_order_routing_decision_seconds',
      help: 'From an order being placed to its first routing decision',
      labelNames: ['channel'],
      buckets: latencyBuckets,
      registers,
    });
    this.reservationsRefused = new Counter({ name: 'oms_reservations_refused_total', help: 'Reservations refused because the stock routing chose was gone', registers });
    this.rerouted = new Counter({ name: 'oms_allocations_rerouted_total', help: 'Allocations sent back to routing, by reason (rejected, short-pick, ...)', labelNames: ['reason'], registers });
    this.fulfilments = new Counter({
      name: 'oms_fulfilment_transitions_total',
      help: 'Fulfilments entering each status, by location and fulfilment type',
      labelNames: ['status', 'location', 'type'],
      registers,
    });
    this.lateFulfilments = new Counter({
      name: 'oms_fulfilments_late_total',
      help: 'Fulfilments that missed a deadline: accept (not accepted in time) or pickup (not collected in time)',
      labelNames: ['location', 'deadline'],
      registers,
    });
    this.timeInState = new Histogram({
      name: 'oms_fulfilment_state_seconds',
      help: 'Time a fulfilment spent in a status before leaving it',
      labelNames: ['state', 'type'],
      buckets: [1, 10, 60, 300, 900, 1800, 3600, 4 * 3600, 24 * 3600, 72 * 3600],
      registers,
    });
    this.pickupsExpired = new Counter({ name: 'oms_pickups_expired_total', help: 'Pickups not collected before their deadline', labelNames: ['location'], registers });
    this.returned = new Counter({ name: 'oms_returned_units_total', help: 'Units received back, by condition (sellable, damaged) and receiving location', labelNames: ['condition', 'location'], registers });
  }

  /** Counts what one event says about the business. */
  observe(event: ObservedEvent): void {
    if (event.service === 'order') this.observeOrder(event);
    else if (event.service === 'fulfilment') this.observeFulfilment(event);
  }

  private orderLabels(orderId: string): { channel: string; method: string } {
    const facts = this.orders.get(orderId);
    return { channel: facts?.channel ?? 'unknown', method: facts?.method ?? 'unknown' };
  }

  private observeOrder({ type, data }: ObservedEvent): void {
    const orderId = String(data.orderId ?? '');
    switch (type) {
      case 'OrderPlaced': {
        const facts: OrderFacts = { channel: String(data.channel), method: String(data.delivery?.method ?? 'unknown'), placedAt: data.placedAt, routed: false, allocated: false };
        this.orders.set(orderId, facts);
        this.placed.inc({ channel: facts.channel, method: facts.method });
        return;
      }
      case 'RoutingIntended': {
        const facts = this.orders.get(orderId);
        // A later try of the same attempt means the reservation of the one before was refused.
        if (data.try > 0) this.reservationsRefused.inc();
        if (facts && !facts.routed) {
          facts.routed = true;
          observeIf(this.routingTime, { channel: facts.channel }, seconds(facts.placedAt, data.intendedAt));
        }
        return;
      }
      case 'OrderRoutingDecided':
        // Every try lost its stock: the last refusal is recorded with the decision.
        if (data.decision?.reservationTries) this.reservationsRefused.inc();
        return;
      case 'LinesAllocated': {
        const allocations: Array<{ method: string }> = data.allocations ?? [];
        if (allocations.length === 0) return;
        const labels = this.orderLabels(orderId);
        for (const allocation of allocations) this.allocations.inc({ channel: labels.channel, method: allocation.method });
        const facts = this.orders.get(orderId);
        if (facts && !facts.allocated) {
          facts.allocated = true;
          this.allocated.inc(labels);
          observeIf(this.allocationLatency, { channel: labels.channel }, seconds(facts.placedAt, data.allocatedAt));
        }
        return;
      }
      case 'OrderBackordered':
        this.backordered.inc(this.orderLabels(orderId));
        return;
      case 'OrderCancelled':
        this.cancelled.inc(this.orderLabels(orderId));
        return;
      case 'AllocationReleased':
        if (data.reason === 'rejected' || data.reason === 'short-pick' || data.reason === 'fulfilment-cancelled') this.rerouted.inc({ reason: data.reason });
        return;
      default:
        return;
    }
  }

  private observeFulfilment({ type, data }: ObservedEvent): void {
    if (type === 'ReturnReceived') {
      for (const [condition, lines] of [['sellable', data.sellable], ['damaged', data.damaged]] as const)
        for (const line of (lines as Array<{ quantity: number }>) ?? []) this.returned.inc({ condition, location: String(data.locationId) }, line.quantity);
      return;
    }
    const status = FULFILMENT_STATUS_AFTER[type];
    if (!status) return;
    const fulfilmentId = String(data.fulfilmentId);
    const at: string | undefined = data.at;
    let facts = this.fulfilmentsSeen.get(fulfilmentId);
    if (type === 'FulfilmentCreated') {
      facts = { type: String(data.type), locationId: String(data.locationId), status, since: at ?? '' };
      this.fulfilmentsSeen.set(fulfilmentId, facts);
    } else if (facts) {
      observeIf(this.timeInState, { state: facts.status, type: facts.type }, seconds(facts.since, at));
      facts.status = status;
      facts.since = at ?? facts.since;
    }
    const location = String(data.locationId ?? facts?.locationId ?? 'unknown');
    this.fulfilments.inc({ status, location, type: facts?.type ?? 'unknown' });
    if (type === 'FulfilmentExpired') {
      const pickupLocation = String(data.pickupLocationId ?? location);
      this.pickupsExpired.inc({ location: pickupLocation });
      this.lateFulfilments.inc({ location: pickupLocation, deadline: 'pickup' });
    }
    // The accept-by timer rejects what no one accepted in time (its reason says so).
    if (type === 'FulfilmentRejected' && /^not accepted by /.test(String(data.reason))) this.lateFulfilments.inc({ location, deadline: 'accept' });
  }
}

const observeIf = <L extends string>(histogram: Histogram<L>, labels: Partial<Record<L, string>>, value: number | undefined) => {
  if (value !== undefined) histogram.observe(labels, value);
};
