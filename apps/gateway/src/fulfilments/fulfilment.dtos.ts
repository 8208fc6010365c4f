import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import {
  FULFILMENT_STATUSES, FULFILMENT_TYPES, REJECT_CODES, type Address, type CustomerContact, type FulfilmentStatus, type FulfilmentType, type FulfilmentView, type RejectCode, type Shipment,
} from '@oms/contracts';
import { PageQuery } from '../inbound/page-query';
import { SkuQuantityBody } from '../inbound/sku-quantity.body';

export class ListFulfilmentsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Where the stock is taken, or the pickup store of a ship-to-store parcel. Store keys: their own location (the default).' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  locationId?: string;

  @ApiPropertyOptional({ enum: FULFILMENT_STATUSES })
  @IsOptional() @IsIn(FULFILMENT_STATUSES)
  status?: FulfilmentStatus;

  @ApiPropertyOptional({ enum: FULFILMENT_TYPES })
  @IsOptional() @IsIn(FULFILMENT_TYPES)
  type?: FulfilmentType;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  orderId?: string;
}

export class RejectedLine extends SkuQuantityBody {}

export class RejectBody {
  @ApiProperty({ example: 'damaged on the shelf' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  reason!: string;

  @ApiPropertyOptional({
    enum: REJECT_CODES,
    default: 'other',
    description: 'not-found: the SKU is counted to 0 here and the store\'s other unpicked work holding it is rejected too; damaged: the quantity is written off; others: no stock change',
  })
  @IsOptional() @IsIn(REJECT_CODES)
  code?: RejectCode;

  @ApiPropertyOptional({ type: [RejectedLine], description: 'Only these lines (the rest stays with the store); omitted: the whole fulfilment' })
  @IsOptional() @ValidateNested({ each: true }) @Type(() => RejectedLine) @ArrayMinSize(1) @ArrayMaxSize(100)
  lines?: RejectedLine[];
}

export class PickedLine {
  @ApiProperty({ example: 'TENT-2P' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  sku!: string;

  @ApiProperty({ minimum: 0, description: 'What was found; less than ordered re-routes the rest' })
  @IsInt() @Min(0) @Max(1000)
  quantity!: number;
}

export class PickBody {
  @ApiProperty({ type: [PickedLine] })
  @ValidateNested({ each: true }) @Type(() => PickedLine) @ArrayMinSize(1) @ArrayMaxSize(100)
  lines!: PickedLine[];
}

export class CollectBody {
  @ApiProperty({ example: '042917', description: 'The six-digit code the customer shows' })
  @IsString() @Matches(/^\d{6}$/, { message: 'pickupCode must be six digits' })
  pickupCode!: string;
}

export class ShipBody {
  @ApiProperty({ example: 'colissimo' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  carrier!: string;

  @ApiProperty({ example: '6A12345678901' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  trackingNumber!: string;
}

export class FulfilmentLineDto {
  @ApiProperty() sku!: string;
  @ApiProperty() quantity!: number;
  @ApiProperty() picked!: number;
}

export class ShipmentDto implements Shipment {
  @ApiProperty() carrier!: string;
  @ApiProperty() trackingNumber!: string;
  @ApiProperty() shippedAt!: string;
  @ApiProperty({ nullable: true, type: String }) deliveredAt!: string | null;
}

export class PickupWindowDto {
  @ApiProperty() readyAt!: string;
  @ApiProperty() expiresAt!: string;
}

export class StatusChangeDto {
  @ApiProperty({ enum: FULFILMENT_STATUSES }) status!: FulfilmentStatus;
  @ApiProperty() at!: string;
}

export class CustomerContactDto implements CustomerContact {
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional() phone?: string;
}

export class ShipToDto implements Address {
  @ApiProperty() line1!: string;
  @ApiPropertyOptional() line2?: string;
  @ApiProperty() city!: string;
  @ApiProperty() postalCode!: string;
  @ApiProperty() country!: string;
  @ApiPropertyOptional() lat?: number;
  @ApiPropertyOptional() lon?: number;
}

/** The contract's FulfilmentView, described for the OpenAPI document. */
export class FulfilmentDto implements FulfilmentView {
  @ApiProperty() fulfilmentId!: string;
  @ApiProperty() orderId!: string;
  @ApiPropertyOptional({ example: '100042', description: 'What the customer reads out' }) orderNumber?: string;
  @ApiProperty({ type: CustomerContactDto }) customer!: CustomerContactDto;
  @ApiPropertyOptional({ type: ShipToDto, description: 'Ship methods: where the parcel goes' }) shipTo?: ShipToDto;
  @ApiPropertyOptional({ description: 'A store must accept it by then, or it is re-routed' }) acceptBy?: string;
  @ApiPropertyOptional({ description: 'Pickups: wrong codes still accepted before the pickup locks' }) pickupCodeAttemptsLeft?: number;
  @ApiProperty() allocationId!: string;
  @ApiProperty({ description: 'Where the stock is taken' }) locationId!: string;
  @ApiPropertyOptional({ description: 'Ship-to-store only: the store that hands it over' }) pickupLocationId?: string;
  @ApiProperty({ enum: FULFILMENT_TYPES }) type!: FulfilmentType;
  @ApiProperty({ enum: FULFILMENT_STATUSES }) status!: FulfilmentStatus;
  @ApiProperty({ type: [FulfilmentLineDto] }) lines!: FulfilmentLineDto[];
  @ApiProperty({ type: PickupWindowDto, nullable: true }) pickup!: PickupWindowDto | null;
  @ApiProperty({ type: ShipmentDto, nullable: true }) shipment!: ShipmentDto | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ type: [StatusChangeDto] }) history!: StatusChangeDto[];
  @ApiPropertyOptional({ description: 'When the work is due: a pickup ready by then, a parcel dispatched by then (the source\'s cut-off on its dispatch day)' }) dueBy?: string;
  @ApiPropertyOptional({ description: 'With dueBy: true while the work is not done and its time has passed' }) late?: boolean;
}

export class FulfilmentPageDto {
  @ApiProperty({ type: [FulfilmentDto] }) items!: FulfilmentDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
