import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiForbiddenResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AsOfQuery } from '../inbound/as-of-query';
import { DomainError, FulfilmentSubjects, OrderSubjects, repeatedSkus, type ActingCaller, type OrderHistoryItem, type OrderView, type Page, type PlaceOrderRequest } from '@oms/contracts';
import { requestInvalid } from '../problems/validation-errors';
import { Caller } from '../auth/caller';
import { assertLocationAccess, scopeToLocation } from '../auth/location-access';
import { Roles } from '../auth/roles.decorator';
import { withoutSecrets } from '../events/public-event';
import { IDEMPOTENT, ServiceClient } from '../service-client';
import { CancelOrderDto } from './cancel-order.dto';
import { ListOrdersDto } from './list-orders.dto';
import { PlaceOrderDto } from './place-order.dto';

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
    const repeated = repeatedSkus(body.lines);
    if (repeated.length > 0) throw requestInvalid(repeated.map((i) => ({ path: `lines.${i}.sku`, message: `${body.lines[i].sku} appears more than once; each SKU once` })));
    // The DTO validated the method's fields; its one flat class stands for the contract's union.
    const request: PlaceOrderRequest = { ...body, delivery: body.delivery as PlaceOrderRequest['delivery'], idempotencyKey };
    // The key makes a repeat answer the same order: safe to send again to another instance.
    return this.services.request<OrderView>(OrderSubjects.place, request, IDEMPOTENT);
  }

  @Get()
  @Roles('checkout', 'store', 'logistics')
  @ApiOkResponse({
    description:
      '{ items, nextCursor }, newest first. `q` finds by order number, order id, customer id or e-mail (exact; e-mail in any case). ' +
      'Store keys: orders with a fulfilment or a pickup at their location; a search that finds only orders of other locations is 403.',
  })
  @ApiForbiddenResponse({ description: 'Wrong role; a store key searching for an order of another location' })
  async list(@Query() query: ListOrdersDto, @Caller() caller: Caller) {
    const locationId = scopeToLocation(caller, query.locationId);
    const page = await this.services.request<Page<OrderView>>(OrderSubjects.list, { ...query, ...(locationId ? { locationId } : {}) }, IDEMPOTENT);
    if (caller.role === 'store' && query.q && page.items.length === 0) {
      // The order exists but is not this store's: say so, as GET /v1/orders/{id} does.
      const elsewhere = await this.services.request<Page<OrderView>>(OrderSubjects.list, { q: query.q, limit: 1 }, IDEMPOTENT);
      for (const order of elsewhere.items) this.assertMaySee(order, caller);
    }
    return page;
  }

  @Get(':orderId')
  @Roles('checkout', 'store', 'logistics')
  @ApiNotFoundResponse({ description: 'Unknown order, or not yet placed at `asOf`' })
  @ApiUnprocessableEntityResponse({ description: '`asOf` unreadable or in the future' })
  async get(@Param('orderId') orderId: string, @Caller() caller: Caller, @Query() { asOf }: AsOfQuery) {
    // The pickup code is a live secret: the order as it stood then is shown without it.
    if (asOf) return this.orderFor(orderId, caller, asOf);
    const order = await this.orderFor(orderId, caller);
    return this.withPickupCodes(order, caller);
  }

  @Get(':orderId/history')
  @Roles('checkout', 'store', 'logistics')
  @ApiOkResponse({ description: 'Every event of the order in order, with time, actor, correlation id and data' })
  async history(@Param('orderId') orderId: string, @Caller() caller: Caller) {
    if (caller.role === 'store') await this.orderFor(orderId, caller);
    const history = await this.services.request<{ items: readonly OrderHistoryItem[] }>(OrderSubjects.history, { orderId }, IDEMPOTENT);
    return { ...history, items: history.items.map((item) => ({ ...item, data: withoutSecrets(item.data) })) };
  }

  @Post(':orderId/cancel')
  @HttpCode(200)
  @Roles('checkout')
  cancel(@Param('orderId') orderId: string, @Body() body: CancelOrderDto) {
    return this.services.request(OrderSubjects.cancel, { orderId, reason: body.reason, ...(body.lines ? { lines: body.lines } : {}) });
  }

  /** The order, when the caller may see it: a store key only an order with a fulfilment or a pickup at its location. */
  private async orderFor(orderId: string, caller: Caller, asOf?: string): Promise<OrderView> {
    const order = await this.services.request<OrderView>(OrderSubjects.get, { orderId, ...(asOf ? { asOf } : {}) }, IDEMPOTENT);
    this.assertMaySee(order, caller);
    return order;
  }

  private assertMaySee(order: OrderView, caller: Caller): void {
    assertLocationAccess(caller, order.delivery.method === 'pickup' ? order.delivery.locationId : undefined, ...order.allocations.map((a) => a.locationId));
  }

  /** Checkout and admin see the code of a pickup that is ready; without the fulfilment service the order is shown without it. */
  private async withPickupCodes(order: OrderView, caller: Caller): Promise<OrderView> {
    const ready = order.allocations.some((a) => a.status === 'ready_for_pickup' && a.fulfilmentId);
    if (!ready || !MAY_SEE_PICKUP_CODES.has(caller.role)) return order;
    const acting: ActingCaller = { role: caller.role, name: caller.name, ...(caller.locationId ? { locationId: caller.locationId } : {}) };
    const codes = await this.services
      .request<PickupCodes>(FulfilmentSubjects.pickupCodes, { orderId: order.orderId, caller: acting }, IDEMPOTENT)
      .catch((): PickupCodes => ({ items: [] }));
    const codeOf = new Map(codes.items.map((item) => [item.fulfilmentId, item.pickupCode]));
    return {
      ...order,
      allocations: order.allocations.map((a) => (a.fulfilmentId && codeOf.has(a.fulfilmentId) ? { ...a, pickupCode: codeOf.get(a.fulfilmentId) } : a)),
    };
  }
}
