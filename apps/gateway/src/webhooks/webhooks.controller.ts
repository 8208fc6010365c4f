import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { WebhookSubjects, type DeliveryView, type Page, type ReplayResult, type WebhookView, type WebhookWithSecret } from '@oms/contracts';
import { ServiceClient } from '../service-client';
import {
  CreateWebhookBody,
  DeliveryPageDto,
  ListDeliveriesQuery,
  ListWebhooksQuery,
  ReplayBody,
  ReplayResultDto,
  WebhookDto,
  WebhookPageDto,
  WebhookParams,
  WebhookWithSecretDto,
} from './webhook.dtos';

/**
 * Webhooks: public events POSTed to receivers, signed as the Standard
 * Webhooks specification says, retried, in order per order. Admin only
 * (no @Roles: the guard lets admin keys alone through).
 */
@ApiTags('webhooks')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Not an admin key' })
@ApiServiceUnavailableResponse({ description: 'The webhooks service does not answer' })
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Subscribe a URL to public events (admin); the answer holds the signing secret, shown only here' })
  @ApiCreatedResponse({ type: WebhookWithSecretDto })
  @ApiUnprocessableEntityResponse({ description: 'url not http(s), or pointing to a loopback, private or link-local address; other fields invalid' })
  create(@Body() body: CreateWebhookBody): Promise<WebhookWithSecret> {
    return this.services.request(WebhookSubjects.create, { ...body });
  }

  @Get()
  @ApiOperation({ summary: 'Webhooks, oldest first (admin)' })
  @ApiOkResponse({ type: WebhookPageDto })
  list(@Query() query: ListWebhooksQuery): Promise<Page<WebhookView>> {
    return this.services.request(WebhookSubjects.list, { limit: query.limit ?? 50, ...(query.cursor ? { cursor: query.cursor } : {}) });
  }

  @Get(':webhookId')
  @ApiOperation({ summary: 'One webhook, with why it is disabled if it is (admin)' })
  @ApiOkResponse({ type: WebhookDto })
  @ApiNotFoundResponse({ description: 'Unknown webhook' })
  get(@Param() { webhookId }: WebhookParams): Promise<WebhookView> {
    return this.services.request(WebhookSubjects.get, { webhookId });
  }

  @Delete(':webhookId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unsubscribe; pending deliveries are dropped (admin)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'Unknown webhook' })
  async delete(@Param() { webhookId }: WebhookParams): Promise<void> {
    await this.services.request(WebhookSubjects.delete, { webhookId });
  }

  @Post(':webhookId/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new signing secret, shown only here; the old one still signs (a second v1 signature) for 24 hours (admin)' })
  @ApiOkResponse({ type: WebhookWithSecretDto })
  @ApiNotFoundResponse({ description: 'Unknown webhook' })
  rotateSecret(@Param() { webhookId }: WebhookParams): Promise<WebhookWithSecret> {
    return this.services.request(WebhookSubjects.rotateSecret, { webhookId });
  }

  @Get(':webhookId/deliveries')
  @ApiOperation({ summary: 'Delivery log, newest first: status, attempts, last HTTP status, next attempt (admin)' })
  @ApiOkResponse({ type: DeliveryPageDto })
  @ApiNotFoundResponse({ description: 'Unknown webhook' })
  deliveries(@Param() { webhookId }: WebhookParams, @Query() query: ListDeliveriesQuery): Promise<Page<DeliveryView>> {
    return this.services.request(WebhookSubjects.deliveries, { webhookId, limit: query.limit ?? 50, ...(query.cursor ? { cursor: query.cursor } : {}) });
  }

  @Post(':webhookId/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Queue again every matching event recorded since a time, in order; a disabled webhook becomes active again (admin)' })
  @ApiAcceptedResponse({ type: ReplayResultDto })
  @ApiNotFoundResponse({ description: 'Unknown webhook' })
  @ApiUnprocessableEntityResponse({ description: 'since is not an ISO 8601 time' })
  replay(@Param() { webhookId }: WebhookParams, @Body() body: ReplayBody): Promise<ReplayResult> {
    return this.services.request(WebhookSubjects.replay, { webhookId, since: body.since });
  }
}
