import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { FulfilmentSubjects, type ReturnView } from '@oms/contracts';
import { Caller } from '../auth/caller';
import { assertLocationAccess } from '../auth/location-access';
import { Roles } from '../auth/roles.decorator';
import { IDEMPOTENT, ServiceClient } from '../service-client';
import { ReceiveReturnBody, RequestReturnBody, ReturnDto } from './return.dtos';

/** Returns are taken in any store or by mail, and received where the goods arrive. */
@ApiTags('returns')
@Controller('v1')
export class ReturnsController {
  constructor(private readonly services: ServiceClient) {}

  @Post('orders/:orderId/returns')
  @Roles('checkout', 'store')
  @HttpCode(201)
  @ApiOperation({ summary: 'Ask to return goods of an order (no more than was fulfilled and not yet returned)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key returns the same return again' })
  @ApiCreatedResponse({ type: ReturnDto })
  @ApiUnprocessableEntityResponse({ description: 'More than was fulfilled' })
  request(@Param('orderId') orderId: string, @Body() body: RequestReturnBody, @Caller() caller: Caller, @Headers('idempotency-key') idempotencyKey?: string) {
    // A store takes returns at its own counter only.
    assertLocationAccess(caller, body.locationId);
    // With a key, a repeat answers the same return: safe to send again to another instance.
    const returnId = idempotencyKey ? `${orderId}:${idempotencyKey}` : undefined;
    return this.services.request<ReturnView>(FulfilmentSubjects.requestReturn, { ...body, lines: body.lines.map((l) => ({ ...l })), orderId, returnId }, returnId ? IDEMPOTENT : {});
  }

  @Post('returns/:returnId/receive')
  @Roles('store')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record what came back: sellable goods go back into this location’s stock, damaged ones are written off' })
  @ApiOkResponse({ type: ReturnDto })
  @ApiNotFoundResponse({ description: 'Unknown return' })
  @ApiUnprocessableEntityResponse({ description: 'More than was asked for' })
  receive(@Param('returnId') returnId: string, @Body() body: ReceiveReturnBody, @Caller() caller: Caller) {
    return this.services.request<ReturnView>(FulfilmentSubjects.receiveReturn, { returnId, lines: body.lines.map((l) => ({ ...l })), caller: { ...caller } });
  }

  @Get('returns/:returnId')
  @Roles('checkout', 'store', 'logistics')
  @ApiOperation({ summary: 'A return, per SKU what was asked and what came back in which condition' })
  @ApiOkResponse({ type: ReturnDto })
  @ApiNotFoundResponse({ description: 'Unknown return' })
  get(@Param('returnId') returnId: string, @Caller() caller: Caller) {
    return this.services.request<ReturnView>(FulfilmentSubjects.getReturn, { returnId, caller: { ...caller } }, IDEMPOTENT);
  }
}
