import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export class CancelLineDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) sku!: string;
  @ApiProperty({ minimum: 1, maximum: 1000 }) @IsInt() @Min(1) @Max(1000) quantity!: number;
}

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
