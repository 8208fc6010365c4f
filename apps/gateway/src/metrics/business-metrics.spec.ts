import { BusinessMetrics, type ObservedEvent } from './business-metrics';
import { Registry } from 'prom-client';

const order = (type: string, data: object): ObservedEvent => ({ service: 'order', type, data });
const fulfilment = (type: string, data: object): ObservedEvent => ({ service: 'fulfilment', type, data });

describe('Business metrics, derived from events', () => {
  let registry: Registry;
  let metrics: BusinessMetrics;
  const value = async (name: string, labels: Record<string, string> = {}) => {
    const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
    const matching = (metric?.values ?? []).filter((v: any) => Object.entries(labels).every(([k, l]) => v.labels[k] === l) && !v.metricName?.endsWith('_bucket'));
    return matching.reduce((sum: number, v: any) => sum + (v.metricName?.endsWith('_sum') ? 0 : v.value), 0);
  };

  beforeEach(() => {
    registry = new Registry();
    metrics = new BusinessMetrics(registry);
  });

  it('labels an order allocated later with the channel and method it was placed with, and times it from placement', async () => {
    metrics.observe(order('OrderPlaced', { orderId: 'o-1', channel: 'app', delivery: { method: 'pickup' }, placedAt: '2026-01-01T10:00:00.000Z' }));
    metrics.observe(order('RoutingIntended', { orderId: 'o-1', try: 0, intendedAt: '2026-01-01T10:00:00.100Z' }));
    metrics.observe(order('LinesAllocated', { orderId: 'o-1', allocations: [{ method: 'pickup' }], allocatedAt: '2026-01-01T10:00:00.250Z' }));
    metrics.observe(order('LinesAllocated', { orderId: 'o-1', allocations: [{ method: 'ship-to-store' }], allocatedAt: '2026-01-01T10:05:00Z' }));
    expect(await value('oms_orders_allocated_total', { channel: 'app', method: 'pickup' })).toBe(1);
    expect(await value('oms_allocations_total', { channel: 'app', method: 'ship-to-store' })).toBe(1);
    const latency = (await registry.getSingleMetric('oms_order_placed_to_allocated_seconds')!.get()).values.find((v: any) => v.metricName.endsWith('_sum'));
    expect(latency?.value).toBeCloseTo(0.25);
  });

  it('counts a refused reservation for each try after the first, and the last one of a lost race', async () => {
    metrics.observe(order('RoutingIntended', { orderId: 'o-1', try: 0 }));
    metrics.observe(order('RoutingIntended', { orderId: 'o-1', try: 1 }));
    metrics.observe(order('OrderRoutingDecided', { orderId: 'o-1', decision: { reservationTries: 2 } }));
    expect(await value('oms_reservations_refused_total')).toBe(2);
  });

  it('times each fulfilment status and counts a missed accept-by deadline as late', async () => {
    metrics.observe(fulfilment('FulfilmentCreated', { fulfilmentId: 'f-1', type: 'ship-from-store', locationId: 'rivoli', at: '2026-01-01T10:00:00Z' }));
    metrics.observe(fulfilment('FulfilmentRejected', { fulfilmentId: 'f-1', locationId: 'rivoli', reason: 'not accepted by 2026-01-01T12:00:00Z', at: '2026-01-01T12:00:00Z' }));
    expect(await value('oms_fulfilments_late_total', { location: 'rivoli', deadline: 'accept' })).toBe(1);
    expect(await value('oms_fulfilment_transitions_total', { status: 'rejected', location: 'rivoli', type: 'ship-from-store' })).toBe(1);
    const inCreated = (await registry.getSingleMetric('oms_fulfilment_state_seconds')!.get()).values.find((v: any) => v.metricName.endsWith('_sum') && v.labels.state === 'created');
    expect(inCreated?.value).toBe(7200);
  });

  it('counts returned units by condition at the receiving location', async () => {
    metrics.observe(fulfilment('ReturnReceived', { returnId: 'r-1', locationId: 'rivoli', sellable: [{ sku: 'A', quantity: 2 }], damaged: [{ sku: 'B', quantity: 1 }] }));
    expect(await value('oms_returned_units_total', { condition: 'sellable', location: 'rivoli' })).toBe(2);
    expect(await value('oms_returned_units_total', { condition: 'damaged', location: 'rivoli' })).toBe(1);
  });
});
