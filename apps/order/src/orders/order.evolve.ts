import { assertNever } from '@oms/contracts';
import type { CancellationData, OrderEvent, SkuQuantity } from './order.events';
import { heldQuantity, type Allocation, type OrderLine, type OrderState, type PlacedOrder } from './order.state';
import { countsAsFulfilled, deriveStatus } from './order.status';

/** Folds one event into the order. Never throws: an event naming an unknown allocation changes nothing. */
export const evolve = (state: OrderState, event: OrderEvent): OrderState => {
  if (event.type === 'OrderPlaced') {
    const { orderId, orderNumber = '', idempotencyKey, bodyHash, channel, customer, delivery, allowSplit, placedAt } = event.data;
    const lines = event.data.lines.map(
      ({ sku, quantity, unitPrice }): OrderLine => ({
        sku, quantity, unitPrice, allocated: 0, fulfilled: 0, cancelled: 0, returned: 0, awaitingStock: false, excludedLocationIds: [],
      }),
    );
    const order = { orderId, orderNumber, idempotencyKey, bodyHash, channel, customer, delivery, allowSplit, createdAt: placedAt, updatedAt: placedAt };
    return settle({ ...order, status: 'placed', lines, allocations: [], routingAttempts: 0, routingTries: 0, intent: null, reservationIds: [], returnIds: [] });
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'RoutingIntended': {
      const { attempt, try: tryNumber, reservationId, lines, decision, intendedAt } = event.data;
      return { ...state, intent: { attempt, try: tryNumber, reservationId, lines, decision }, routingTries: tryNumber + 1, updatedAt: intendedAt };
    }
    case 'RoutingIntentWithdrawn':
      return { ...state, intent: null, updatedAt: event.data.withdrawnAt };
    case 'OrderRoutingDecided': {
      const { attempt, reservationId, decidedAt } = event.data;
      return { ...state, routingAttempts: attempt, routingTries: 0, intent: null, reservationIds: [...state.reservationIds, reservationId], updatedAt: decidedAt };
    }
    case 'LinesAllocated': {
      const { reservationId, allocatedAt } = event.data;
      const added = event.data.allocations.map(
        ({ allocationId, locationId, method, lines, dueBy }): Allocation => ({
          allocationId, locationId, method, lines, reservationId,
          released: [], reservationReleased: [], releaseReasons: [], fulfilmentId: null, status: 'pending',
          ...(dueBy === undefined ? {} : { dueBy }),
        }),
      );
      return settle({ ...state, allocations: [...state.allocations, ...added], updatedAt: allocatedAt });
    }
    case 'OrderPromised':
      return { ...state, promise: { by: event.data.by } };
    case 'OrderBackordered':
      return settle({ ...markLines(state, event.data.lines, { awaitingStock: true }), updatedAt: event.data.backorderedAt });
    case 'BackorderRetried':
      return settle({ ...markLines(state, event.data.lines, { awaitingStock: false }), updatedAt: event.data.retriedAt });
    case 'FulfilmentRequested': {
      const { allocationId, fulfilmentId, requestedAt, status } = event.data;
      // A fulfilment requested after its allocation was cancelled still exists and must be cancelled in turn.
      const requested = updateAllocation(state, allocationId, (a) => ({ ...a, fulfilmentId, status: a.fulfilmentId === null ? (status ?? 'created') : a.status }));
      return settle({ ...requested, updatedAt: requestedAt });
    }
    case 'FulfilmentProgressed': {
      const { allocationId, fulfilmentId, status, at } = event.data;
      return settle({ ...updateAllocation(state, allocationId, (a) => ({ ...a, fulfilmentId, status })), updatedAt: at });
    }
    case 'AllocationReleased': {
      const { allocationId, locationId, lines, reason, excludeLocation, releaseId, releasedAt } = event.data;
      const released = updateAllocation(state, allocationId, (a) => ({
        ...a,
        released: addLines(a.released, lines),
        // A transfer left its source stock when shipped to the store: nothing is reserved any more, the goods are restocked instead.
        reservationReleased: reason === 'expired' && a.method === 'ship-to-store' ? addLines(a.reservationReleased, lines) : a.reservationReleased,
        releaseReasons: [...a.releaseReasons, reason],
        ...(releaseId ? { releaseIds: [...(a.releaseIds ?? []), releaseId] } : {}),
      }));
      const next =
        reason === 'expired' || reason === 'cancelled'
          ? addToLines(released, lines, 'cancelled')
          : mapLines(released, lines, (line) => ({
              ...line,
              awaitingStock: false,
              excludedLocationIds:
                excludeLocation && !line.excludedLocationIds.includes(locationId) ? [...line.excludedLocationIds, locationId] : line.excludedLocationIds,
            }));
      return settle({ ...next, updatedAt: releasedAt });
    }
    case 'OrderCancelled':
    case 'OrderLinesCancelled':
      return settle(applyCancellation(state, event.data));
    case 'ReservationReleased': {
      const { allocationId, lines, releasedAt } = event.data;
      const next = updateAllocation(state, allocationId, (a) => ({ ...a, reservationReleased: addLines(a.reservationReleased, lines) }));
      return { ...next, updatedAt: releasedAt };
    }
    case 'ReturnReceived': {
      const { returnId, lines, receivedAt } = event.data;
      return settle({ ...addToLines(state, lines, 'returned'), returnIds: [...state.returnIds, returnId], updatedAt: receivedAt });
    }
    default:
      return assertNever(event);
  }
};

const applyCancellation = (order: PlacedOrder, { lines, allocations, cancelledAt }: CancellationData): PlacedOrder => {
  const withAllocationsReleased = allocations.reduce(
    (next, { allocationId, cancelled, rerouted }) =>
      updateAllocation(next, allocationId, (a) => ({
        ...a,
        released: addLines(a.released, [...cancelled, ...rerouted]),
        // Without a fulfilment nothing else will ever close this allocation.
        status: a.fulfilmentId === null ? 'cancelled' : a.status,
      })),
    order,
  );
  const rerouted = allocations.flatMap((a) => a.rerouted);
  const cancelled = addToLines(withAllocationsReleased, lines, 'cancelled');
  return { ...markLines(cancelled, rerouted, { awaitingStock: false }), updatedAt: cancelledAt };
};

/** Recomputes what follows from the allocations: held and fulfilled quantities, then the status. */
const settle = (order: PlacedOrder): PlacedOrder => {
  const count = (allocations: readonly Allocation[], sku: string) => allocations.reduce((sum, a) => sum + heldQuantity(a, sku), 0);
  const fulfilledAllocations = order.allocations.filter(countsAsFulfilled);
  const lines = order.lines.map((line) => ({
    ...line,
    allocated: count(order.allocations, line.sku),
    fulfilled: count(fulfilledAllocations, line.sku),
  }));
  const next = { ...order, lines };
  return { ...next, status: deriveStatus(next) };
};

const updateAllocation = (order: PlacedOrder, allocationId: string, change: (a: Allocation) => Allocation): PlacedOrder => ({
  ...order,
  allocations: order.allocations.map((a) => (a.allocationId === allocationId ? change(a) : a)),
});

const mapLines = (order: PlacedOrder, touched: readonly SkuQuantity[], change: (line: OrderLine, quantity: number) => OrderLine): PlacedOrder => ({
  ...order,
  lines: order.lines.map((line) => {
    const quantity = touched.filter((t) => t.sku === line.sku).reduce((sum, t) => sum + t.quantity, 0);
    return quantity > 0 ? change(line, quantity) : line;
  }),
});

const markLines = (order: PlacedOrder, touched: readonly SkuQuantity[], flags: Pick<OrderLine, 'awaitingStock'>): PlacedOrder =>
  mapLines(order, touched, (line) => ({ ...line, ...flags }));

const addToLines = (order: PlacedOrder, touched: readonly SkuQuantity[], field: 'cancelled' | 'returned'): PlacedOrder =>
  mapLines(order, touched, (line, quantity) => ({ ...line, [field]: line[field] + quantity }));

const addLines = (lines: readonly SkuQuantity[], more: readonly SkuQuantity[]): SkuQuantity[] =>
  more.reduce(
    (sum, { sku, quantity }) =>
      sum.some((l) => l.sku === sku) ? sum.map((l) => (l.sku === sku ? { sku, quantity: l.quantity + quantity } : l)) : [...sum, { sku, quantity }],
    lines.map(({ sku, quantity }) => ({ sku, quantity })),
  );
