import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DELIVERY_SPEEDS,
  FULFILMENT_OPTION_METHODS,
  type DeliverySpeed,
  type FulfilmentOption,
  type FulfilmentOptionMethod,
  type FulfilmentOptionsRequest,
  type FulfilmentOptionsView,
  type SkuQuantity,
} from '@oms/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsISO8601, IsNumber, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { GeoDto } from '../locations/location.dtos';
import { SkuQuantityBody } from '../inbound/sku-quantity.body';

export class CartLineDto extends SkuQuantityBody implements SkuQuantity {}

export class FulfilmentOptionsBody implements FulfilmentOptionsRequest {
  @ApiProperty({ type: [CartLineDto], minItems: 1, maxItems: 100, description: 'Each SKU once' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => CartLineDto)
  lines!: CartLineDto[];

  @ApiProperty({ type: GeoDto, description: 'Where the customer is, or the delivery address' })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => GeoDto)
  destination!: GeoDto;

  @ApiPropertyOptional({ example: '2026-06-02T08:00:00.000Z', description: 'The instant the options are for (2000 to 2099); default now' })
  @IsOptional() @IsISO8601({ strict: true })
  at?: string;

  @ApiPropertyOptional({ example: 30, default: 30, minimum: 0.1, maximum: 500, description: 'Pickup stores within this distance of the destination (km)' })
  @IsOptional() @IsNumber() @Min(0.1) @Max(500)
  radiusKm?: number;
}

export class FulfilmentOptionDto implements FulfilmentOption {
  @ApiProperty({ enum: FULFILMENT_OPTION_METHODS }) method!: FulfilmentOptionMethod;
  @ApiPropertyOptional({ enum: DELIVERY_SPEEDS, description: 'Parcels (ship) only' }) speed?: DeliverySpeed;
  @ApiPropertyOptional({ description: 'The pickup store (pickup and ship-to-store)' }) locationId?: string;
  @ApiPropertyOptional({ description: 'From the destination to the pickup store, rounded to 0.1 km' }) distanceKm?: number;
  @ApiPropertyOptional({ description: 'Pickup and ship-to-store: when it is ready for collection' }) readyBy?: string;
  @ApiPropertyOptional({ description: 'Parcels: when it is delivered' }) deliverBy?: string;
}

export class FulfilmentOptionsDto implements FulfilmentOptionsView {
  @ApiProperty({ description: 'The instant the options are for' }) at!: string;
  @ApiProperty({
    type: [FulfilmentOptionDto],
    description: 'Every option that serves all lines, soonest first',
    example: [
      { method: 'ship', speed: 'rapid', deliverBy: '2026-06-02T08:30:00.000Z' },
      { method: 'pickup', locationId: 'paris-rivoli', distanceKm: 1.2, readyBy: '2026-06-02T10:00:00.000Z' },
      { method: 'ship-to-store', locationId: 'saint-denis', distanceKm: 5, readyBy: '2026-06-04T09:00:00.000Z' },
      { method: 'ship', speed: 'standard', deliverBy: '2026-06-04T16:00:00.000Z' },
    ],
  })
  options!: FulfilmentOptionDto[];
}
