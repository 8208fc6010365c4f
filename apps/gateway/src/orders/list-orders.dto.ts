import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ORDER_STATUSES, SALES_CHANNELS, type ListOrdersRequest, type OrderStatus, type SalesChannel } from '@oms/contracts';
import { PageQuery } from '../inbound/page-query';

export class ListOrdersDto extends PageQuery implements ListOrdersRequest {
  @ApiPropertyOptional({ description: 'Order number, order id, customer id or customer e-mail (exact; e-mail in any case)', example: '100042' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) customerId?: string;
  @ApiPropertyOptional({ enum: SALES_CHANNELS }) @IsOptional() @IsIn(SALES_CHANNELS) channel?: SalesChannel;
  @ApiPropertyOptional({ description: 'Placed at or after this time (ISO 8601)' }) @IsOptional() @IsISO8601() placedFrom?: string;
  @ApiPropertyOptional({ description: 'Placed before this time (ISO 8601)' }) @IsOptional() @IsISO8601() placedTo?: string;
  @ApiPropertyOptional({ description: 'Orders with an allocation or the pickup at this location. Store keys: their own (the default).' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  locationId?: string;

  @ApiPropertyOptional({ enum: ORDER_STATUSES }) @IsOptional() @IsIn(ORDER_STATUSES) status?: OrderStatus;
}
