import { assertNever, type FieldError } from '@oms/contracts';
import { repeatedSkus } from '@oms/contracts/order.contracts';
import type { Decider } from '@oms/event-store/decider';
import { cancellableQuantity, planCancellation } from './order.cancellation';
import type {
  CancelOrder,
  OrderCommand,
  PlaceOrder,
  RecordAllocation,
  RecordAllocationReleased,
  RecordFulfilmentProgress,
  RecordReturnReceived,
  RecordRoutingIntent,
} from './order.commands';
import {
  AllocationExceedsOpenQuantity,
  AllocationNotFound,
  FulfilmentMismatch,
  IdempotencyKeyReused,
  InvalidCancellation,
  InvalidOrderLines,
  InvalidReturn,
  NothingToCancel,
  OrderNotFound,
  StaleRoutingAttempt,
  StaleRoutingIntent,
} from './order.errors';
import type { OrderEvent } from './order.events';
import { evolve } from './order.evolve';
import { heldLines, heldQuantity, initialState, quantityOf, routableLines, unallocatedQuantity, type PlacedOrder, type OrderState } from './order.state';
import { progressRank } from './order.status';

export { evolve, initialState };
export type { OrderState };

export const decide = (command: OrderCommand, state: OrderState): OrderEvent[] => {
  if (command.type === 'PlaceOrder') return placeOrder(command, state);
  if (state.status === 'none') throw new OrderNotFound(command.data.orderId);
  const { orderId } = state;
  const now = command.metadata.now;
  switch (command.type) {
    case 'RecordRoutingIntent':
      return recordRoutingIntent(command, state);
    case 'WithdrawRoutingIntent': {
      const { intent } = state;
      if (!intent || intent.reservationId !== command.data.reservationId) return [];
      return [{ type: 'RoutingIntentWithdrawn', data: { orderId, attempt: intent.attempt, try: intent.try, reservationId: intent.reservationId, withdrawnAt: now } }];
    }
    case 'RecordAllocation':
      return recordAllocation(command, state);
    case 'RetryBackorder': {
      // An order that may not be split is routed whole again: routing one arrived SKU alone would split it.
      const skus = state.allowSplit ? command.data.skus : undefined;
      const lines = state.lines
        .filter((l) => l.awaitingStock && unallocatedQuantity(l) > 0 && (!skus || skus.includes(l.sku)))
        .map((l) => ({ sku: l.sku, quantity: unallocatedQuantity(l) }));
      return lines.length === 0 ? [] : [{ type: 'BackorderRetried', data: { orderId, lines, retriedAt: now } }];
    }
    case 'RecordFulfilmentRequested': {
      const { allocationId, fulfilmentId, status } = command.data;
      const allocation = findAllocation(state, allocationId);
      if (allocation.fulfilmentId === fulfilmentId) return [];
      if (allocation.fulfilmentId !== null) throw new FulfilmentMismatch(allocationId, allocation.fulfilmentId, fulfilmentId);
      return [{ type: 'FulfilmentRequested', data: { orderId, allocationId, fulfilmentId, requestedAt: now, ...(status ? { status } : {}) } }];
    }
    case 'RecordFulfilmentProgress':
      return recordFulfilmentProgress(command, state);
    case 'RecordAllocationReleased':
      return recordAllocationReleased(command, state);
    case 'RecordReservationReleased': {
      const { allocationId, reservationId, locationId, released, reservationReleased } = findAllocation(state, command.data.allocationId);
      const lines = released
        .map(({ sku, quantity }) => ({ sku, quantity: quantity - quantityOf(reservationReleased, sku) }))
        .filter((line) => line.quantity > 0);
      if (lines.length === 0) return [];
      return [{ type: 'ReservationReleased', data: { orderId, allocationId, reservationId, locationId, lines, releasedAt: now } }];
    }
    case 'CancelOrder':
      return cancelOrder(command, state);
    case 'RecordReturnReceived':
      return recordReturnReceived(command, state);
    default:
      return assertNever(command);
  }
};

const placeOrder = ({ data, metadata }: PlaceOrder, state: OrderState): OrderEvent[] => {
  if (state.status !== 'none') {
    if (state.bodyHash === data.bodyHash) return [];
    throw new IdempotencyKeyReused(data.idempotencyKey);
  }
  const errors: FieldError[] = [];
  if (data.lines.length === 0) errors.push({ path: 'lines', message: 'an order needs at least one line' });
  for (const i of repeatedSkus(data.lines)) errors.push({ path: `lines[${i}].sku`, message: 'each SKU may appear once' });
  data.lines.forEach((line, i) => {
    if (!Number.isInteger(line.quantity) || line.quantity < 1) errors.push({ path: `lines[${i}].quantity`, message: 'must be a positive integer' });
  });
  if (errors.length > 0) throw new InvalidOrderLines(errors);
  const { orderId, orderNumber, idempotencyKey, bodyHash, channel, customer, lines, delivery, allowSplit = true } = data;
  return [{ type: 'OrderPlaced', data: { orderId, orderNumber, idempotencyKey, bodyHash, channel, customer, lines, delivery, allowSplit, placedAt: metadata.now } }];
};

/**
 * One intent at a time, for the next attempt's next try, over lines the order
 * still needs routed: a runner working from a stale copy of the order is refused
 * here, before it reserves anything.
 */
const recordRoutingIntent = ({ data, metadata }: RecordRoutingIntent, order: PlacedOrder): OrderEvent[] => {
  const { orderId } = order;
  const { attempt, try: tryNumber, reservationId, lines, decision } = data;
  if (order.intent?.reservationId === reservationId) return [];
  if (attempt !== order.routingAttempts + 1) throw new StaleRoutingAttempt(orderId, attempt, order.routingAttempts + 1);
  if (tryNumber !== (order.routingTries ?? 0)) throw new StaleRoutingIntent(orderId, reservationId);
  const open = routableLines(order);
  const overflow = lines.find(({ sku, quantity }) => quantity > quantityOf(open, sku));
  if (overflow) throw new AllocationExceedsOpenQuantity(orderId, overflow.sku);
  return [{ type: 'RoutingIntended', data: { orderId, attempt, try: tryNumber, reservationId, lines, decision, intendedAt: metadata.now } }];
};

const recordAllocation = ({ data, metadata }: RecordAllocation, order: PlacedOrder): OrderEvent[] => {
  const { orderId } = order;
  const { attempt, reservationId, decision, allocations, promise } = data;
  if (order.reservationIds.includes(reservationId)) return [];
  if (attempt !== order.routingAttempts + 1) throw new StaleRoutingAttempt(orderId, attempt, order.routingAttempts + 1);
  // Only the pending intent's reservation can become the allocation: any other was withdrawn or superseded.
  if (order.intent && order.intent.reservationId !== reservationId) throw new StaleRoutingIntent(orderId, reservationId);
  const allocatedNow = allocations.flatMap((a) => a.lines);
  const remaining = order.lines.map((line) => ({ sku: line.sku, quantity: unallocatedQuantity(line) - quantityOf(allocatedNow, line.sku) }));
  const overflow = allocatedNow.find(({ sku }) => (remaining.find((line) => line.sku === sku)?.quantity ?? -1) < 0);
  if (overflow) throw new AllocationExceedsOpenQuantity(orderId, overflow.sku);
  const backordered = remaining.filter((line) => line.quantity > 0);
  const at = metadata.now;
  return [
    { type: 'OrderRoutingDecided', data: { orderId, attempt, reservationId, decision, decidedAt: at } },
    ...(allocations.length > 0 ? [{ type: 'LinesAllocated' as const, data: { orderId, attempt, reservationId, allocations, allocatedAt: at } }] : []),
    ...(promise && !order.promise && backordered.length === 0 ? [{ type: 'OrderPromised' as const, data: { orderId, by: promise.by, promisedAt: at } }] : []),
    ...(backordered.length > 0 ? [{ type: 'OrderBackordered' as const, data: { orderId, attempt, lines: backordered, backorderedAt: at } }] : []),
  ];
};

const recordFulfilmentProgress = ({ data }: RecordFulfilmentProgress, order: PlacedOrder): OrderEvent[] => {
  const { allocationId, fulfilmentId, fulfilmentStatus, at, lines } = data;
  const allocation = findAllocation(order, allocationId);
  if (allocation.fulfilmentId !== null) {
    if (allocation.fulfilmentId !== fulfilmentId) throw new FulfilmentMismatch(allocationId, allocation.fulfilmentId, fulfilmentId);
    // Fulfilment events may arrive late or twice; a fulfilment never moves back.
    if (progressRank[fulfilmentStatus] <= progressRank[allocation.status]) return [];
  }
  const event = { orderId: order.orderId, allocationId, fulfilmentId, status: fulfilmentStatus, at };
  const progressed: OrderEvent = { type: 'FulfilmentProgressed', data: lines ? { ...event, lines } : event };
  // Cancelled while the order still wants its goods (a cancellation whose recording failed after the fulfilment
  // was cancelled): they are routed again rather than left held by a fulfilment that will never deliver them.
  const stillHeld = heldLines(allocation);
  if (fulfilmentStatus !== 'cancelled' || stillHeld.length === 0) return [progressed];
  const { reservationId, locationId } = allocation;
  return [
    progressed,
    {
      type: 'AllocationReleased',
      data: { orderId: order.orderId, allocationId, reservationId, locationId, lines: stillHeld, reason: 'fulfilment-cancelled', excludeLocation: false, releasedAt: at },
    },
  ];
};

const recordAllocationReleased = ({ data, metadata }: RecordAllocationReleased, order: PlacedOrder): OrderEvent[] => {
  const allocation = findAllocation(order, data.allocationId);
  if (data.releaseId ? allocation.releaseIds?.includes(data.releaseId) : allocation.releaseReasons.includes(data.reason)) return [];
  // Never release more than the allocation still holds: the rest was cancelled or already released.
  const lines = data.lines
    .map(({ sku, quantity }) => ({ sku, quantity: Math.min(quantity, heldQuantity(allocation, sku)) }))
    .filter((line) => line.quantity > 0);
  if (lines.length === 0) return [];
  const { allocationId, reservationId, locationId } = allocation;
  const { reason, excludeLocation } = data;
  const releaseId = data.releaseId ? { releaseId: data.releaseId } : {};
  return [
    {
      type: 'AllocationReleased',
      data: { orderId: order.orderId, allocationId, reservationId, locationId, lines, reason, excludeLocation, ...releaseId, releasedAt: metadata.now },
    },
  ];
};

const cancelOrder = ({ data, metadata }: CancelOrder, order: PlacedOrder): OrderEvent[] => {
  // The intent's stock may be reserved: it is released and withdrawn first, so that nothing it held outlives the cancellation.
  if (order.intent) throw new StaleRoutingIntent(order.orderId, order.intent.reservationId);
  const cancellable = order.lines.map((line) => ({ sku: line.sku, quantity: cancellableQuantity(order, line.sku) }));
  if (cancellable.every((line) => line.quantity === 0)) throw new NothingToCancel(order.orderId);
  const requested = data.lines ?? cancellable.filter((line) => line.quantity > 0);
  const errors: FieldError[] = [];
  requested.forEach(({ sku, quantity }, i) => {
    if (!order.lines.some((line) => line.sku === sku)) errors.push({ path: `lines[${i}].sku`, message: `the order has no line ${sku}` });
    else if (requested.findIndex((other) => other.sku === sku) < i) errors.push({ path: `lines[${i}].sku`, message: 'each SKU may appear once' });
    else if (quantity > quantityOf(cancellable, sku)) {
      errors.push({ path: `lines[${i}].quantity`, message: `at most ${quantityOf(cancellable, sku)} of ${sku} can still be cancelled` });
    }
  });
  if (errors.length > 0) throw new InvalidCancellation(errors);
  const plan = planCancellation(order, requested);
  const everythingCancelled = order.lines.every((line) => line.cancelled + quantityOf(plan.lines, line.sku) === line.quantity);
  const cancellation = { orderId: order.orderId, reason: data.reason, ...plan, cancelledAt: metadata.now };
  return [{ type: everythingCancelled ? 'OrderCancelled' : 'OrderLinesCancelled', data: cancellation }];
};

const recordReturnReceived = ({ data, metadata }: RecordReturnReceived, order: PlacedOrder): OrderEvent[] => {
  if (order.returnIds.includes(data.returnId)) return [];
  const errors: FieldError[] = [];
  data.lines.forEach(({ sku, quantity }, i) => {
    const line = order.lines.find((l) => l.sku === sku);
    if (!line) errors.push({ path: `lines[${i}].sku`, message: `the order has no line ${sku}` });
    else if (quantity > line.fulfilled - line.returned - quantityOf(data.lines.slice(0, i), sku)) {
      errors.push({ path: `lines[${i}].quantity`, message: `more than the ${line.fulfilled - line.returned} of ${sku} fulfilled and not yet returned` });
    }
  });
  if (errors.length > 0) throw new InvalidReturn(errors);
  return [{ type: 'ReturnReceived', data: { orderId: order.orderId, returnId: data.returnId, lines: data.lines, receivedAt: metadata.now } }];
};

const findAllocation = (order: PlacedOrder, allocationId: string) => {
  const allocation = order.allocations.find((a) => a.allocationId === allocationId);
  if (!allocation) throw new AllocationNotFound(order.orderId, allocationId);
  return allocation;
};

export const orderDecider: Decider<OrderCommand, OrderEvent, OrderState> = { decide, evolve, initialState };
