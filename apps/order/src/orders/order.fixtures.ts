import type { MessageMetadata } from '@oms/contracts';
import type { OrderCommand } from './order.commands';
import type {
  AllocatedLines,
  AllocationMethod,
  Delivery,
  FulfilmentStatus,
  OrderEvent,
  OrderPlaced,
  ReleaseReason,
  RoutingDecision,
  SkuQuantity,
} from './order.events';

/** Builders for the order's events and commands in given-when-then specs. */
export const orderId = 'order-1';

export const at = (minute: number): string => `2024-05-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

export const metadata = (now = at(59)): MessageMetadata => ({ correlationId: 'corr-1', actor: 'test', now });

export const command = <C extends OrderCommand>(type: C['type'], data: Omit<C['data'], 'orderId'>, now?: string): C =>
  ({ type, data: { orderId, ...data }, metadata: metadata(now) }) as C;

export const tent = (quantity: number): SkuQuantity => ({ sku: 'TENT-2P', quantity });
export const mat = (quantity: number): SkuQuantity => ({ sku: 'MAT-1', quantity });

export const shipTo: Delivery = {
  method: 'ship',
  speed: 'standard',
  address: { line1: '1 rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR', lat: 48.8566, lon: 2.3522 },
};
export const pickupAt: Delivery = { method: 'pickup', locationId: 'paris-rivoli' };

export const placed = (data: Partial<OrderPlaced['data']> = {}): OrderPlaced => ({
  type: 'OrderPlaced',
  data: {
    orderId,
    orderNumber: '100001',
    idempotencyKey: 'key-1',
    bodyHash: 'hash-1',
    channel: 'web',
    customer: { id: 'c-42', email: 'ana@example.com' },
    lines: [
      { ...tent(2), unitPrice: { amount: 12999, currency: 'EUR' } },
      { ...mat(1), unitPrice: { amount: 2499, currency: 'EUR' } },
    ],
    delivery: shipTo,
    allowSplit: true,
    placedAt: at(0),
    ...data,
  },
});

export const decision: RoutingDecision = { allocations: [], unallocated: [], candidates: [{ locationId: 'lyon-dc', chosen: true }] };

export const allocation = (allocationId: string, locationId: string, method: AllocationMethod, lines: readonly SkuQuantity[]): AllocatedLines => ({
  allocationId,
  locationId,
  method,
  lines,
});

export const reservationOf = (attempt: number): string => `${orderId}:${attempt}`;

/** What RecordAllocation records when every given line is allocated. */
export const routed = (attempt: number, allocations: readonly AllocatedLines[], minute = attempt): OrderEvent[] => [
  { type: 'OrderRoutingDecided', data: { orderId, attempt, reservationId: reservationOf(attempt), decision, decidedAt: at(minute) } },
  { type: 'LinesAllocated', data: { orderId, attempt, reservationId: reservationOf(attempt), allocations, allocatedAt: at(minute) } },
];

export const backordered = (attempt: number, lines: readonly SkuQuantity[], minute = attempt): OrderEvent => ({
  type: 'OrderBackordered',
  data: { orderId, attempt, lines, backorderedAt: at(minute) },
});

export const fulfilmentRequested = (allocationId: string, fulfilmentId: string, minute = 10): OrderEvent => ({
  type: 'FulfilmentRequested',
  data: { orderId, allocationId, fulfilmentId, requestedAt: at(minute) },
});

export const progressed = (allocationId: string, fulfilmentId: string, status: FulfilmentStatus, minute = 20): OrderEvent => ({
  type: 'FulfilmentProgressed',
  data: { orderId, allocationId, fulfilmentId, status, at: at(minute) },
});

export const allocationReleased = (
  { allocationId, locationId }: AllocatedLines,
  attempt: number,
  lines: readonly SkuQuantity[],
  reason: ReleaseReason,
  excludeLocation = true,
  minute = 30,
): OrderEvent => ({
  type: 'AllocationReleased',
  data: { orderId, allocationId, reservationId: reservationOf(attempt), locationId, lines, reason, excludeLocation, releasedAt: at(minute) },
});

/** What RecordRoutingIntent records: the decision of one try, saved before its stock is reserved. */
export const intended = (attempt: number, lines: readonly SkuQuantity[], tryNumber = 0, minute = attempt): OrderEvent => ({
  type: 'RoutingIntended',
  data: {
    orderId,
    attempt,
    try: tryNumber,
    reservationId: tryNumber === 0 ? reservationOf(attempt) : `${reservationOf(attempt)}.${tryNumber}`,
    lines,
    decision,
    intendedAt: at(minute),
  },
});
