import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import { RETURN_CONDITIONS, RETURN_METHODS, RETURN_STATUSES, type ReturnCondition, type ReturnMethod, type ReturnStatus, type ReturnView } from '@oms/contracts';
import { SkuQuantityBody } from '../inbound/sku-quantity.body';

export class ReturnLineBody extends SkuQuantityBody {}

export class RequestReturnBody {
  @ApiProperty({ type: [ReturnLineBody] })
  @ValidateNested({ each: true }) @Type(() => ReturnLineBody) @ArrayMinSize(1) @ArrayMaxSize(100)
  lines!: ReturnLineBody[];

  @ApiProperty({ enum: RETURN_METHODS })
  @IsIn(RETURN_METHODS)
  method!: ReturnMethod;

  @ApiProperty({ description: 'The store the goods are brought to, or the location receiving the mail', example: 'paris-rivoli' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  locationId!: string;
}

export class ReceivedLineBody extends ReturnLineBody {
  @ApiProperty({ enum: RETURN_CONDITIONS, description: 'Sellable goods go back into stock; damaged ones are written off' })
  @IsIn(RETURN_CONDITIONS)
  condition!: ReturnCondition;
}

export class ReceiveReturnBody {
  @ApiProperty({ type: [ReceivedLineBody] })
  @ValidateNested({ each: true }) @Type(() => ReceivedLineBody) @ArrayMinSize(1) @ArrayMaxSize(200)
  lines!: ReceivedLineBody[];
}

export class ReturnLineDto {
  @ApiProperty() sku!: string;
  @ApiProperty({ description: 'Asked for' }) quantity!: number;
  @ApiProperty() sellable!: number;
  @ApiProperty() damaged!: number;
}

/** The contract's ReturnView, described for the OpenAPI document. */
export class ReturnDto implements ReturnView {
  @ApiProperty() returnId!: string;
  @ApiProperty() orderId!: string;
  @ApiProperty({ enum: RETURN_STATUSES }) status!: ReturnStatus;
  @ApiProperty({ enum: RETURN_METHODS }) method!: ReturnMethod;
  @ApiProperty() locationId!: string;
  @ApiProperty({ type: [ReturnLineDto] }) lines!: ReturnLineDto[];
  @ApiProperty() requestedAt!: string;
  @ApiProperty({ nullable: true, type: String }) receivedAt!: string | null;
}
