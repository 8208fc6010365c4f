import { LOCATION_TYPES, stampMetadata, type MessageMetadata } from '@oms/contracts';
import type {
  AvailabilityRequest,
  CommitReservation,
  LocationPromiseProfile,
  ReleaseReservation,
  ReservationLine,
  ReserveStock,
  SourcingCandidatesRequest,
} from '@oms/contracts/inventory.contracts';
import type { DefineLocation } from './locations/location.commands';
import { RequestShape } from '@oms/messaging/request-shape';
import type { AdjustStock, CountStock, RestockGoods } from './stock-items/stock-item.commands';

/** Who asked and when, from the NATS headers; the service clock is the only one a decider reads. */
export interface RequestOrigin {
  readonly correlationId: string;
  readonly actor: string;
}

/** What the sender said of the cause wins over the NATS headers; the time is always this service's. */
const metadataFor = (origin: RequestOrigin, sent?: Partial<MessageMetadata>): MessageMetadata =>
  stampMetadata({ correlationId: sent?.correlationId ?? origin.correlationId, causationId: sent?.causationId, actor: sent?.actor ?? origin.actor });

/** The reservation messages are commands (`{type, data, metadata}`) in the contract; their data is what is read. */
const unwrap = (payload: unknown, type: string): { data: unknown; metadata?: Partial<MessageMetadata> } => {
  const message = payload as { type?: unknown; data?: unknown; metadata?: Partial<MessageMetadata> } | null;
  return message?.type === type && message.data !== undefined ? { data: message.data, metadata: message.metadata } : { data: payload };
};

const line = (shape: RequestShape) => (prefix: string): ReservationLine => ({
  locationId: shape.text(`${prefix}.locationId`),
  sku: shape.text(`${prefix}.sku`),
  quantity: shape.number(`${prefix}.quantity`),
});

/** The promise fields pass as given: their rules (zones, clocks, overlaps) are the location decider's. */
const promiseFieldsOf = (payload: unknown): LocationPromiseProfile => {
  const raw = (payload ?? {}) as Record<string, unknown>;
  const fields = ['timezone', 'openingHours', 'pickupLeadMinutes', 'dispatchCutoff', 'rapidDelivery'] as const;
  return Object.fromEntries(fields.filter((field) => raw[field] !== undefined && raw[field] !== null).map((field) => [field, raw[field]])) as LocationPromiseProfile;
};

export const defineLocationFrom = (payload: unknown, origin: RequestOrigin): DefineLocation => {
  const s = new RequestShape(payload);
  return s.done({
    type: 'DefineLocation',
    data: {
      locationId: s.text('locationId'),
      name: s.text('name'),
      type: s.oneOf('type', LOCATION_TYPES),
      geo: { lat: s.number('geo.lat'), lon: s.number('geo.lon') },
      capabilities: { pickup: s.boolean('capabilities.pickup'), shipFromStore: s.boolean('capabilities.shipFromStore'), ship: s.boolean('capabilities.ship') },
      capacityPerDay: s.number('capacityPerDay'),
      pickupHoldHours: s.optionalNumber('pickupHoldHours'),
      active: s.boolean('active'),
      ...promiseFieldsOf(payload),
    },
    metadata: metadataFor(origin),
  });
};

export const countStockFrom = (payload: unknown, origin: RequestOrigin): CountStock => {
  const s = new RequestShape(payload);
  const safetyStock = s.optionalNumber('safetyStock');
  const countId = s.optionalText('countId');
  return s.done({
    type: 'CountStock',
    data: { locationId: s.text('locationId'), sku: s.text('sku'), onHand: s.number('onHand'), ...(safetyStock === undefined ? {} : { safetyStock }), ...(countId === undefined ? {} : { countId }) },
    metadata: metadataFor(origin),
  });
};

export const adjustStockFrom = (payload: unknown, origin: RequestOrigin): AdjustStock => {
  const s = new RequestShape(payload);
  return s.done({
    type: 'AdjustStock',
    data: { locationId: s.text('locationId'), sku: s.text('sku'), delta: s.number('delta'), reason: s.text('reason'), adjustmentId: s.text('adjustmentId') },
    metadata: metadataFor(origin),
  });
};

export const restockGoodsFrom = (payload: unknown, origin: RequestOrigin): RestockGoods => {
  const { data, metadata } = unwrap(payload, 'RestockGoods');
  const s = new RequestShape(data);
  return s.done({
    type: 'RestockGoods',
    data: { restockId: s.text('restockId'), locationId: s.text('locationId'), sku: s.text('sku'), quantity: s.number('quantity'), reason: s.text('reason') },
    metadata: metadataFor(origin, metadata),
  });
};

export const reserveStockFrom = (payload: unknown, origin: RequestOrigin): ReserveStock => {
  const { data, metadata } = unwrap(payload, 'ReserveStock');
  const s = new RequestShape(data);
  return s.done({
    type: 'ReserveStock',
    data: { reservationId: s.text('reservationId'), orderId: s.text('orderId'), lines: s.list('lines', line(s)) },
    metadata: metadataFor(origin, metadata),
  });
};

export const releaseReservationFrom = (payload: unknown, origin: RequestOrigin): ReleaseReservation => {
  const { data, metadata } = unwrap(payload, 'ReleaseReservation');
  const s = new RequestShape(data);
  const lines = s.optionalList('lines', line(s));
  const releaseId = s.optionalText('releaseId');
  return s.done({
    type: 'ReleaseReservation',
    data: { reservationId: s.text('reservationId'), reason: s.text('reason'), ...(lines ? { lines } : {}), ...(releaseId ? { releaseId } : {}) },
    metadata: metadataFor(origin, metadata),
  });
};

export const commitReservationFrom = (payload: unknown, origin: RequestOrigin): CommitReservation => {
  const { data, metadata } = unwrap(payload, 'CommitReservation');
  const s = new RequestShape(data);
  const commitId = s.optionalText('commitId');
  return s.done({
    type: 'CommitReservation',
    data: { reservationId: s.text('reservationId'), lines: s.list('lines', line(s)), ...(commitId ? { commitId } : {}) },
    metadata: metadataFor(origin, metadata),
  });
};

export const stockItemKeyFrom = (payload: unknown): { locationId: string; sku: string } => {
  const s = new RequestShape(payload);
  return s.done({ locationId: s.text('locationId'), sku: s.text('sku') });
};

/** { locationId, sku, asOf? }: the gateway has checked asOf is a past instant. */
export const stockLevelReadFrom = (payload: unknown): { locationId: string; sku: string; asOf?: string } => {
  const s = new RequestShape(payload);
  return s.done({ locationId: s.text('locationId'), sku: s.text('sku'), asOf: s.optionalInstant('asOf') });
};

export const locationIdFrom = (payload: unknown): string => {
  const s = new RequestShape(payload);
  return s.done(s.text('locationId'));
};

export const pageFrom = (payload: unknown): { limit: number; cursor?: string } => {
  const s = new RequestShape(payload ?? {});
  const limit = s.optionalNumberBetween('limit', 1, 200, true) ?? 50;
  const cursor = s.optionalText('cursor');
  return s.done({ limit, ...(cursor ? { cursor } : {}) });
};

export const availabilityFrom = (payload: unknown): AvailabilityRequest => {
  const s = new RequestShape(payload);
  const skus = s.list('skus', (path) => s.text(path), 100);
  const lat = s.optionalNumberBetween('lat', -90, 90);
  const lon = s.optionalNumberBetween('lon', -180, 180);
  const given = (field: 'lat' | 'lon') => (payload as Record<string, unknown> | null)?.[field] !== undefined;
  if (given('lat') !== given('lon')) s.problem(given('lat') ? 'lon' : 'lat', 'must come with the other coordinate');
  const position = lat !== undefined && lon !== undefined ? { lat, lon } : {};
  return s.done({ skus, ...position });
};

export const sourcingCandidatesFrom = (payload: unknown): SourcingCandidatesRequest => {
  const s = new RequestShape(payload);
  return s.done({ skus: s.list('skus', (path) => s.text(path), 1000) });
};

/** { from, to }: ISO times, from before to. */
export const historyWindowFrom = (payload: unknown): { from: string; to: string } => {
  const s = new RequestShape(payload);
  const from = s.optionalInstant('from');
  const to = s.optionalInstant('to');
  if (!from) s.problem('from', 'is required');
  if (!to) s.problem('to', 'is required');
  if (from && to && from >= to) s.problem('to', 'must be after from');
  return s.done({ from: from!, to: to! });
};

export const stockHistoryFrom = (payload: unknown): { skus: string[]; from: string; to: string } => {
  const window = historyWindowFrom(payload);
  const s = new RequestShape(payload);
  return s.done({ ...window, skus: s.list('skus', (p) => s.text(p), 1000) });
};
