import type { FulfilmentView, LocationView, OrderHistoryItem, OrderStatus, OrderView, ReturnView, SalesChannel, SkuQuantity, StockLevelView } from '@oms/contracts';

export type { FulfilmentView, LocationView, OrderHistoryItem, OrderStatus, OrderView, ReturnView, SalesChannel, SkuQuantity, StockLevelView };

/** The key lives in this tab's sessionStorage only: never in a URL, never in localStorage. */
const KEY = 'oms-console-api-key';
export const savedKey = (): string | null => sessionStorage.getItem(KEY);
export const saveKey = (key: string): void => sessionStorage.setItem(KEY, key);
export const forgetKey = (): void => sessionStorage.removeItem(KEY);

export interface Me { readonly role: 'admin' | 'checkout' | 'store' | 'logistics'; readonly locationId?: string; readonly name: string }

export interface Page<T> { readonly items: readonly T[]; readonly nextCursor: string | null }

export interface FieldProblem { readonly path: string; readonly message: string }

/** A problem+json answer (or a network failure), with the `detail` to show where the action was made and, for a 422, what is wrong with each field. */
export class Problem extends Error {
  constructor(readonly status: number, readonly title: string, readonly detail: string, readonly errors: readonly FieldProblem[] = []) {
    super(detail);
  }
}

const request = async <T>(method: string, path: string, body?: unknown, key = savedKey()): Promise<T> => {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new Problem(0, 'Network error', 'The server could not be reached. Check the connection and try again.');
  }
  const text = await response.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const p = (parsed ?? {}) as { title?: string; detail?: string; errors?: FieldProblem[] };
    const detail = p.detail ?? `${response.status} ${response.statusText}`;
    const errors = Array.isArray(p.errors) ? p.errors : [];
    // A validation problem's detail says "see errors": the field messages are what a person can act on.
    const fields = errors.map((e) => e.message).filter(Boolean);
    throw new Problem(response.status, p.title ?? response.statusText, fields.length > 0 ? `${detail} (${fields.join('; ')})` : detail, errors);
  }
  return parsed as T;
};

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const q = encodeURIComponent;

/** Every call the console makes: the public API, nothing else. */
export const api = {
  me: (key?: string) => request<Me>('GET', '/v1/me', undefined, key),
  location: (locationId: string) => request<LocationView>('GET', `/v1/locations/${q(locationId)}`),
  fulfilments: async (locationId: string): Promise<FulfilmentView[]> => {
    const all: FulfilmentView[] = [];
    let cursor: string | null = null;
    // A store's open work fits in a few pages; the cap keeps a huge history from stalling the queue.
    for (let page = 0; page < 10; page++) {
      const result: Page<FulfilmentView> = await request('GET', `/v1/fulfilments?locationId=${q(locationId)}&limit=200${cursor ? `&cursor=${q(cursor)}` : ''}`);
      all.push(...result.items);
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    return all;
  },
  /** One page of every location's fulfilments, as logistics and admin see them. */
  fulfilmentPage: (filter: { status?: string; type?: string; locationId?: string }, cursor: string | null) => {
    const query = Object.entries({ ...filter, cursor: cursor ?? undefined }).filter(([, value]) => value);
    return request<Page<FulfilmentView>>('GET', `/v1/fulfilments?limit=100${query.map(([name, value]) => `&${name}=${q(value!)}`).join('')}`);
  },
  locations: async (): Promise<LocationView[]> => {
    const all: LocationView[] = [];
    let cursor: string | null = null;
    do {
      const result: Page<LocationView> = await request('GET', `/v1/locations?limit=200${cursor ? `&cursor=${q(cursor)}` : ''}`);
      all.push(...result.items);
      cursor = result.nextCursor;
    } while (cursor);
    return all;
  },
  putLocation: (locationId: string, body: object) => request<LocationView>('PUT', `/v1/locations/${q(locationId)}`, body),
  countStock: (locationId: string, sku: string, body: { onHand: number; safetyStock?: number; countId: string }) =>
    request<StockLevelView>('PUT', `/v1/locations/${q(locationId)}/stock/${q(sku)}`, body),
  act: (fulfilmentId: string, action: string, body: object = {}) => request<FulfilmentView>('POST', `/v1/fulfilments/${q(fulfilmentId)}/${action}`, body),
  stock: (locationId: string, sku: string) => request<StockLevelView>('GET', `/v1/locations/${q(locationId)}/stock/${q(sku)}`),
  availability: (sku: string, lat: number, lon: number) =>
    request<{ items: { sku: string; locations: { locationId: string; type: string; available: number; distanceKm?: number }[] }[] }>(
      'GET',
      `/v1/availability?sku=${q(sku)}&lat=${lat}&lon=${lon}`,
    ),
  searchOrders: (text: string, filters: { status?: OrderStatus; channel?: SalesChannel } = {}) => {
    const query = Object.entries({ q: text, ...filters }).filter(([, value]) => value);
    return request<Page<OrderView>>('GET', `/v1/orders?${query.map(([name, value]) => `${name}=${q(value)}`).join('&')}`);
  },
  order: (orderId: string, asOf?: string) => request<OrderView>('GET', `/v1/orders/${q(orderId)}${asOf ? `?asOf=${q(asOf)}` : ''}`),
  orderHistory: (orderId: string) => request<{ items: OrderHistoryItem[] }>('GET', `/v1/orders/${q(orderId)}/history`),
  /** Admin keys only: checkout keys see a fulfilment through the order's allocations. */
  orderFulfilments: (orderId: string) => request<Page<FulfilmentView>>('GET', `/v1/fulfilments?orderId=${q(orderId)}&limit=200`),
  cancelOrder: (orderId: string, body: { reason: string; lines?: SkuQuantity[] }) => request<OrderView>('POST', `/v1/orders/${q(orderId)}/cancel`, body),
  redrawPickupCode: (fulfilmentId: string) => request<FulfilmentView>('POST', `/v1/fulfilments/${q(fulfilmentId)}/pickup-code`),
  requestReturn: (orderId: string, body: object) => request<ReturnView>('POST', `/v1/orders/${q(orderId)}/returns`, body),
  receiveReturn: (returnId: string, body: object) => request<ReturnView>('POST', `/v1/returns/${q(returnId)}/receive`, body),
};
