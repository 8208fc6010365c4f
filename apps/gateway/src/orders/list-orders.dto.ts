import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ORDER_STATUSES, type OrderStatus } from '@oms/contracts';
import { PageQuery } from '../inbound/page-query';

export class ListOrdersDto extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) customerId?: string;
  @ApiPropertyOptional({ description: 'Orders with an allocation or the pickup at this location. Store keys: their own (the default).' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  locationId?: string;

  @ApiPropertyOptional({ enum: ORDER_STATUSES }) @IsOptional() @IsIn(ORDER_STATUSES) status?: OrderStatus;
}
