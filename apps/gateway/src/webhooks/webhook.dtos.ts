import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DELIVERY_STATUSES, WEBHOOK_STATUSES, type DeliveryStatus, type DeliveryView, type ReplayResult, type WebhookStatus, type WebhookView, type WebhookWithSecret } from '@oms/contracts';
import { PageQuery } from '../inbound/page-query';
import { ID_PATTERN } from '../locations/location.dtos';

export class WebhookParams {
  @ApiProperty({ example: '0b8a3c1e-6f2d-4a51-9d0e-2f4c7a1b9e3d' })
  @Matches(ID_PATTERN, { message: 'webhookId must be 1 to 100 letters, digits, dots, dashes or underscores, starting with a letter or digit' })
  webhookId!: string;
}

export class CreateWebhookBody {
  @ApiProperty({ example: 'https://hooks.example.com/oms', description: 'http or https; loopback, private and link-local addresses are refused (422)' })
  @IsString() @IsNotEmpty() @MaxLength(2000)
  url!: string;

  @ApiPropertyOptional({ type: [String], example: ['OrderPlaced', 'FulfilmentShipped'], description: 'Event types to deliver; every public event when omitted' })
  @IsOptional() @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(100, { each: true }) @ArrayMinSize(1) @ArrayMaxSize(100)
  types?: string[];

  @ApiPropertyOptional({ example: 'paris-rivoli', description: 'Only events of this location’s fulfilments and stock' })
  @IsOptional() @Matches(ID_PATTERN, { message: 'locationId must be 1 to 100 letters, digits, dots, dashes or underscores, starting with a letter or digit' })
  locationId?: string;

  @ApiPropertyOptional({ example: 'ERP order feed' })
  @IsOptional() @IsString() @MaxLength(500)
  description?: string;
}

export class ReplayBody {
  @ApiProperty({ example: '2026-01-01T00:00:00Z', description: 'Every matching event recorded from this time on is queued again' })
  @IsISO8601({ strict: true }, { message: 'since must be an ISO 8601 time' })
  since!: string;
}

export class ListDeliveriesQuery extends PageQuery {}
export class ListWebhooksQuery extends PageQuery {}

/** The contract's WebhookView, described for the OpenAPI document. */
export class WebhookDto implements WebhookView {
  @ApiProperty({ example: '0b8a3c1e-6f2d-4a51-9d0e-2f4c7a1b9e3d' }) webhookId!: string;
  @ApiProperty({ example: 'https://hooks.example.com/oms' }) url!: string;
  @ApiProperty({ type: [String], nullable: true, example: ['OrderPlaced'], description: 'null: every public event' }) types!: string[] | null;
  @ApiProperty({ type: String, nullable: true, example: null }) locationId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'ERP order feed' }) description!: string | null;
  @ApiProperty({ enum: WEBHOOK_STATUSES, description: 'disabled after failing for 5 days; a replay makes it active again' }) status!: WebhookStatus;
  @ApiProperty({ example: '2026-01-01T10:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) disabledAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) disabledReason!: string | null;
}

export class WebhookWithSecretDto extends WebhookDto implements WebhookWithSecret {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'Shown only in this answer: keep it to verify webhook-signature' })
  secret!: string;
}

export class WebhookPageDto {
  @ApiProperty({ type: [WebhookDto] }) items!: WebhookDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class DeliveryDto implements DeliveryView {
  @ApiProperty() deliveryId!: string;
  @ApiProperty({ description: 'The event id, sent as webhook-id on every attempt' }) eventId!: string;
  @ApiProperty({ example: 'OrderPlaced' }) type!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: DeliveryStatus;
  @ApiProperty({ example: 1 }) attempts!: number;
  @ApiProperty({ type: Number, nullable: true, example: 200, description: 'HTTP status of the last attempt; null when none came' }) lastStatus!: number | null;
  @ApiProperty({ type: String, nullable: true, example: null }) lastError!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Pending deliveries only' }) nextAttemptAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) deliveredAt!: string | null;
}

export class DeliveryPageDto {
  @ApiProperty({ type: [DeliveryDto] }) items!: DeliveryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class ReplayResultDto implements ReplayResult {
  @ApiProperty() webhookId!: string;
  @ApiProperty({ example: '2026-01-01T00:00:00.000Z' }) since!: string;
  @ApiProperty({ example: 42, description: 'Deliveries queued' }) queued!: number;
}
