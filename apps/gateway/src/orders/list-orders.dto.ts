import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '../inbound/page-query';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const ORDER_STATUSES = [
  'placed', 'allocated', 'partially_allocated', 'backordered', 'in_fulfilment',
  'ready_for_pickup', 'partially_shipped', 'shipped', 'completed', 'cancelled',
] as const;

export class ListOrdersDto extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) customerId?: string;
  @ApiPropertyOptional({ description: 'Orders with an allocation or the pickup at this location. Store keys: their own (the default).' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  locationId?: string;

  @ApiPropertyOptional({ enum: ORDER_STATUSES }) @IsOptional() @IsIn(ORDER_STATUSES) status?: (typeof ORDER_STATUSES)[number];
}
