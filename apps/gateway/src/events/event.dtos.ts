import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class EventsQuery {
  @ApiPropertyOptional({ description: 'comma-separated event types', example: 'OrderPlaced,FulfilmentShipped' })
  @IsOptional() @IsString() @MaxLength(2000)
  types?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  orderId?: string;
}
