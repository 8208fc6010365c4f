import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';

/** A SKU and a quantity of it, as every line of a request names them. */
export class SkuQuantityBody {
  @ApiProperty({ example: 'TENT-2P' }) @IsString() @IsNotEmpty() @MaxLength(200) sku!: string;
  @ApiProperty({ minimum: 1, maximum: 1000, example: 1 }) @IsInt() @Min(1) @Max(1000) quantity!: number;
}
