import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DomainError, FulfilmentSubjects, OrderSubjects, type ActingCaller, type PlaceOrderRequest } from '@oms/contracts';
import { Caller } from '../auth/caller';
import { assertLocationAccess, scopeToLocation } from '../auth/location-access';
import { Roles } from '../auth/roles.decorator';
import { withoutSecrets } from '../events/public-event';
import { ServiceClient } from '../service-client';
import { CancelOrderDto } from './cancel-order.dto';
import { ListOrdersDto } from './list-orders.dto';
import { PlaceOrderDto } from './place-order.dto';

interface AllocationView { readonly locationId: string; readonly method: string; readonly status: string; readonly fulfilmentId: string | null; readonly pickupCode?: string }
interface OrderView { readonly orderId: string; readonly delivery: { readonly locationId?: string }; readonly allocations: readonly AllocationView[] }
interface PickupCodes { readonly items: readonly { fulfilmentId: string; pickupCode: string }[] }

const MAY_SEE_PICKUP_CODES = new Set(['admin', 'checkout']);

const invalid = (path: string, message: string) => new DomainError('REQUEST.INVALID', 'validation', `${path} ${message}`, [{ path, message }]);

@ApiTags('orders')
@Controller('v1/orders')
export class OrdersController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @HttpCode(202)
  @Roles('checkout')
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'The same key with the same body answers the same order' })
  @ApiAcceptedResponse({ description: 'The order, placed; it moves on within a second' })
  place(@Body() body: PlaceOrderDto, @Headers('idempotency-key') idempotencyKey: string | undefined) {
    if (!idempotencyKey || idempotencyKey.trim() === '') throw invalid('Idempotency-Key', 'header is required');
    if (idempotencyKey.length > 200) throw invalid('Idempotency-Key', 'header must be at most 200 characters');
    body.lines.forEach((line, i) => {
      if (body.lines.findIndex((other) => other.sku === line.sku) < i) throw invalid(`lines.${i}.sku`, `${line.sku} appears more than once; each SKU once`);
    });
    const request: PlaceOrderRequest = { ...(body as unknown as Omit<PlaceOrderRequest, 'idempotencyKey'>), idempotencyKey };
    return this.services.request<OrderView>(OrderSubjects.place, request);
  }

  @Get()
  @Roles('checkout', 'store', 'logistics')
  @ApiOkResponse({ description: '{ items, nextCursor }, newest first. Store keys: orders with a fulfilment or a pickup at their location.' })
  list(@Query() query: ListOrdersDto, @Caller() caller: Caller) {
    const locationId = scopeToLocation(caller, query.locationId);
    return this.services.request(OrderSubjects.list, { ...query, ...(locationId ? { locationId } : {}) });
  }

  @Get(':orderId')
  @Roles('checkout', 'store', 'logistics')
  async get(@Param('orderId') orderId: string, @Caller() caller: Caller) {
    const order = await this.orderFor(orderId, caller);
    return this.withPickupCodes(order, caller);
  }

  @Get(':orderId/history')
  @Roles('checkout', 'store', 'logistics')
  @ApiOkResponse({ description: 'Every event of the order in order, with time, actor, correlation id and data' })
  async history(@Param('orderId') orderId: string, @Caller() caller: Caller) {
    if (caller.role === 'store') await this.orderFor(orderId, caller);
    const history = await this.services.request<{ items: readonly { data: unknown }[] }>(OrderSubjects.history, { orderId });
    return { ...history, items: history.items.map((item) => ({ ...item, data: withoutSecrets(item.data) })) };
  }

  @Post(':orderId/cancel')
  @HttpCode(200)
  @Roles('checkout')
  cancel(@Param('orderId') orderId: string, @Body() body: CancelOrderDto) {
    return this.services.request(OrderSubjects.cancel, { orderId, reason: body.reason, ...(body.lines ? { lines: body.lines } : {}) });
  }

  /** The order, when the caller may see it: a store key only an order with a fulfilment or a pickup at its location. */
  private async orderFor(orderId: string, caller: Caller): Promise<OrderView> {
    const order = await this.services.request<OrderView>(OrderSubjects.get, { orderId });
    assertLocationAccess(caller, order.delivery.locationId, ...order.allocations.map((a) => a.locationId));
    return order;
  }

  /** Checkout and admin see the code of a pickup that is ready; without the fulfilment service the order is shown without it. */
  private async withPickupCodes(order: OrderView, caller: Caller): Promise<OrderView> {
    const ready = order.allocations.some((a) => a.status === 'ready_for_pickup' && a.fulfilmentId);
    if (!ready || !MAY_SEE_PICKUP_CODES.has(caller.role)) return order;
    const acting: ActingCaller = { role: caller.role, name: caller.name, ...(caller.locationId ? { locationId: caller.locationId } : {}) };
    const codes = await this.services
      .request<PickupCodes>(FulfilmentSubjects.pickupCodes, { orderId: order.orderId, caller: acting })
      .catch((): PickupCodes => ({ items: [] }));
    const codeOf = new Map(codes.items.map((item) => [item.fulfilmentId, item.pickupCode]));
    return {
      ...order,
      allocations: order.allocations.map((a) => (a.fulfilmentId && codeOf.has(a.fulfilmentId) ? { ...a, pickupCode: codeOf.get(a.fulfilmentId) } : a)),
    };
  }
}
