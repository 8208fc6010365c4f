import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, NotEquals } from 'class-validator';
import type { StockLevelView } from '@oms/contracts';
import { ID_PATTERN, LocationParams } from '../locations/location.dtos';

export class StockItemParams extends LocationParams {
  @ApiProperty({ example: 'TENT-2P' })
  @Matches(ID_PATTERN, { message: 'sku must be 1 to 100 letters, digits, dots, dashes or underscores, starting with a letter or digit' })
  sku!: string;
}

export class CountStockBody {
  @ApiProperty({ example: 12, minimum: 0, description: 'What is on the shelf: replaces the current on hand' })
  @IsInt() @Min(0) @Max(10_000_000)
  onHand!: number;

  @ApiPropertyOptional({ example: 1, minimum: 0, description: 'Kept back from what can be promised; unchanged when absent' })
  @IsOptional() @IsInt() @Min(0) @Max(10_000_000)
  safetyStock?: number;

  @ApiPropertyOptional({ example: 'pos-778', description: 'The same countId twice is applied once' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  countId?: string;
}

export class AdjustStockBody {
  @ApiProperty({ example: -2, description: 'Units added (positive) or removed (negative); on hand never goes below 0' })
  @IsInt() @NotEquals(0) @Min(-10_000_000) @Max(10_000_000)
  delta!: number;

  @ApiProperty({ example: 'damaged' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  reason!: string;

  @ApiProperty({ example: 'adj-1', description: 'The same adjustmentId twice is applied once' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  adjustmentId!: string;
}

/** The contract's StockLevelView, described for the OpenAPI document. */
export class StockLevelDto implements StockLevelView {
  @ApiProperty() locationId!: string;
  @ApiProperty() sku!: string;
  @ApiProperty() onHand!: number;
  @ApiProperty() reserved!: number;
  @ApiProperty() safetyStock!: number;
  @ApiProperty({ description: 'Available to promise: onHand − reserved − safetyStock, never below 0' }) available!: number;
}
