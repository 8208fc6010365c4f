import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AsOfQuery } from '../inbound/as-of-query';
import { FulfilmentSubjects, type FulfilmentAction, type FulfilmentView } from '@oms/contracts';
import { Caller } from '../auth/caller';
import { assertLocationAccess, scopeToLocation } from '../auth/location-access';
import { Roles } from '../auth/roles.decorator';
import { IDEMPOTENT, ServiceClient } from '../service-client';
import { CollectBody, FulfilmentDto, FulfilmentPageDto, ListFulfilmentsQuery, PickBody, RejectBody, ShipBody } from './fulfilment.dtos';

/**
 * Stores and logistics work on fulfilments here. Store keys see and act on
 * their own location's only (both stores of a ship-to-store parcel); the
 * fulfilment service checks it again on every action.
 */
@ApiTags('fulfilments')
@ApiForbiddenResponse({ description: 'Wrong role, or a store key on another location' })
@Controller('v1/fulfilments')
export class FulfilmentsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @Roles('store', 'logistics')
  @ApiOperation({ summary: 'Fulfilments by location, status, type and order, with cursor pagination' })
  @ApiOkResponse({ type: FulfilmentPageDto })
  list(@Query() query: ListFulfilmentsQuery, @Caller() caller: Caller) {
    const locationId = scopeToLocation(caller, query.locationId);
    return this.services.request(FulfilmentSubjects.list, { ...query, locationId, limit: query.limit ?? 50 }, IDEMPOTENT);
  }

  @Get(':fulfilmentId')
  @Roles('store', 'logistics')
  @ApiOperation({ summary: 'A fulfilment with its status history' })
  @ApiOkResponse({ type: FulfilmentDto })
  @ApiNotFoundResponse({ description: 'Unknown fulfilment, or not yet created at `asOf`' })
  @ApiUnprocessableEntityResponse({ description: '`asOf` unreadable or in the future' })
  async get(@Param('fulfilmentId') fulfilmentId: string, @Caller() caller: Caller, @Query() { asOf }: AsOfQuery) {
    const fulfilment = await this.services.request<FulfilmentView>(FulfilmentSubjects.get, { fulfilmentId, ...(asOf ? { asOf } : {}) }, IDEMPOTENT);
    assertLocationAccess(caller, fulfilment.locationId, fulfilment.pickupLocationId);
    return fulfilment;
  }

  @Post(':fulfilmentId/accept')
  @Roles('store')
  @HttpCode(200)
  @ApiOperation({ summary: 'created → accepted' })
  @ActionResponses()
  accept(@Param('fulfilmentId') fulfilmentId: string, @Caller() caller: Caller) {
    return this.act(fulfilmentId, 'accept', {}, caller);
  }

  @Post(':fulfilmentId/reject')
  @Roles('store')
  @HttpCode(200)
  @ApiOperation({
    summary: 'created, accepted, picked → rejected (or, with lines, only those lines); the order re-routes them',
    description:
      'Roles: store (its location), admin. Body example: {"reason": "shelf empty", "code": "not-found", "lines": [{"sku": "TENT-2P", "quantity": 1}]}. ' +
      'code not-found counts each rejected SKU to 0 at the store and rejects those lines of its other unpicked fulfilments; damaged writes the quantity off.',
  })
  @ApiUnprocessableEntityResponse({ description: 'A line the fulfilment does not hold, or more than it holds' })
  @ActionResponses()
  reject(@Param('fulfilmentId') fulfilmentId: string, @Body() body: RejectBody, @Caller() caller: Caller) {
    return this.act(fulfilmentId, 'reject', body, caller);
  }

  @Post(':fulfilmentId/pick')
  @Roles('store')
  @HttpCode(200)
  @ApiOperation({ summary: 'accepted → picked; what was not found re-routes' })
  @ActionResponses()
  pick(@Param('fulfilmentId') fulfilmentId: string, @Body() body: PickBody, @Caller() caller: Caller) {
    return this.act(fulfilmentId, 'pick', body, caller);
  }

  @Post(':fulfilmentId/ready')
  @Roles('store')
  @HttpCode(200)
  @ApiOperation({ summary: 'picked (pickup) or received (ship-to-store) → ready_for_pickup; draws the pickup code' })
  @ActionResponses()
  ready(@Param('fulfilmentId') fulfilmentId: string, @Caller() caller: Caller) {
    return this.act(fulfilmentId, 'ready', {}, caller);
  }

  @Post(':fulfilmentId/collect')
  @Roles('store')
  @HttpCode(200)
  @ApiOperation({ summary: 'ready_for_pickup → collected against the pickup code; commits the stock' })
  @ApiBody({ type: CollectBody })
  @ActionResponses()
  @ApiUnprocessableEntityResponse({ description: 'Wrong pickup code (the attempt counts)' })
  @ApiResponse({ status: 423, description: 'Locked after 5 wrong codes' })
  collect(@Param('fulfilmentId') fulfilmentId: string, @Body() body: CollectBody, @Caller() caller: Caller) {
    return this.act(fulfilmentId, 'collect', body, caller);
  }

  @Post(':fulfilmentId/ship')
  @Roles('store', 'logistics')
  @HttpCode(200)
  @ApiOperation({ summary: 'picked (ship-from-store), released (warehouse), created (ship-to-store) → shipped; commits the stock' })
  @ActionResponses()
  ship(@Param('fulfilmentId') fulfilmentId: string, @Body() body: ShipBody, @Caller() caller: Caller) {
    return this.act(fulfilmentId, 'ship', body, caller);
  }

  @Post(':fulfilmentId/receive')
  @Roles('store')
  @HttpCode(200)
  @ApiOperation({ summary: 'shipped (ship-to-store) → received at the pickup store' })
  @ActionResponses()
  receive(@Param('fulfilmentId') fulfilmentId: string, @Caller() caller: Caller) {
    return this.act(fulfilmentId, 'receive', {}, caller);
  }

  @Post(':fulfilmentId/deliver')
  @Roles('logistics')
  @HttpCode(200)
  @ApiOperation({ summary: 'shipped → delivered' })
  @ActionResponses()
  deliver(@Param('fulfilmentId') fulfilmentId: string, @Caller() caller: Caller) {
    return this.act(fulfilmentId, 'deliver', {}, caller);
  }

  @Post(':fulfilmentId/pickup-code')
  @Roles('checkout')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A new pickup code for a ready pickup: the old one stops working, a locked pickup is unlocked',
    description: 'Roles: checkout, admin. The answer holds no code; GET /v1/orders/{orderId} shows the new one to checkout and admin keys.',
  })
  @ApiOkResponse({ type: FulfilmentDto, description: 'The fulfilment, without the code' })
  @ApiNotFoundResponse({ description: 'Unknown fulfilment' })
  @ApiConflictResponse({ description: 'The pickup is not ready for pickup' })
  redrawPickupCode(@Param('fulfilmentId') fulfilmentId: string, @Caller() caller: Caller) {
    return this.services.request<FulfilmentView>(FulfilmentSubjects.redrawPickupCode, { fulfilmentId, caller });
  }

  private act(fulfilmentId: string, action: FulfilmentAction, body: object, caller: Caller) {
    return this.services.request<FulfilmentView>(FulfilmentSubjects.act, { fulfilmentId, action, body: { ...body }, caller }, IDEMPOTENT);
  }
}

function ActionResponses() {
  return applyDecorators(
    ApiOkResponse({ type: FulfilmentDto, description: 'The fulfilment after the action (unchanged when the action was already done)' }),
    ApiNotFoundResponse({ description: 'Unknown fulfilment' }),
    ApiConflictResponse({ description: 'The current status does not allow this action' }),
  );
}
