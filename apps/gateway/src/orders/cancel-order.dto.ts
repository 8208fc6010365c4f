import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { SkuQuantityBody } from '../inbound/sku-quantity.body';

export class CancelLineDto extends SkuQuantityBody {}

export class CancelOrderDto {
  @ApiProperty({ example: 'customer changed their mind' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;

  @ApiPropertyOptional({ type: [CancelLineDto], description: 'Omitted: everything not yet shipped or collected' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => CancelLineDto)
  lines?: CancelLineDto[];
}
