import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DELIVERY_METHODS, DELIVERY_SPEEDS, SALES_CHANNELS, type Address, type Customer, type DeliverySpeed, type Money, type OrderLineRequest, type PlaceOrderRequest, type SalesChannel } from '@oms/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export class MoneyDto implements Money {
  @ApiProperty({ description: 'Minor units (cents)', example: 12999 })
  @IsInt()
  @Min(0)
  amount!: number;

  @ApiProperty({ example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a 3-letter ISO 4217 code' })
  currency!: string;
}

export class OrderLineDto implements OrderLineRequest {
  @ApiProperty({ example: 'TENT-2P' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  sku!: string;

  @ApiProperty({ minimum: 1, maximum: 1000, example: 1 })
  @IsInt()
  @Min(1)
  @Max(1000)
  quantity!: number;

  @ApiProperty({ type: MoneyDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  unitPrice!: MoneyDto;
}

export class CustomerDto implements Customer {
  @ApiProperty({ example: 'c-42' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  id!: string;

  @ApiPropertyOptional({ example: 'ana@example.com' })
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ example: 'Ana Martin', description: 'Shown to the store that hands the order over' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: '+33 6 12 34 56 78' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  phone?: string;
}

export class AddressDto implements Address {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) line1!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) line2?: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) city!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(20) postalCode!: string;

  @ApiProperty({ example: 'FR' })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be a 2-letter ISO 3166 code' })
  country!: string;

  @ApiPropertyOptional({ example: 48.8566 }) @IsOptional() @IsNumber() @Min(-90) @Max(90) lat?: number;
  @ApiPropertyOptional({ example: 2.3522 }) @IsOptional() @IsNumber() @Min(-180) @Max(180) lon?: number;
}

/** `ship` to an address (standard, express or rapid) or `pickup` at a store; the fields of the other method are refused. */
export class DeliveryDto {
  @ApiProperty({ enum: DELIVERY_METHODS })
  @IsIn(DELIVERY_METHODS)
  method!: (typeof DELIVERY_METHODS)[number];

  @ApiPropertyOptional({ enum: DELIVERY_SPEEDS, default: 'standard', description: 'rapid: from one store whose rapid-delivery radius covers the address (lat/lon required) and that holds every line, never split; else backordered' })
  @IsOptional()
  @IsIn(DELIVERY_SPEEDS)
  speed?: DeliverySpeed;

  @ApiPropertyOptional({ type: AddressDto, description: 'Required for ship' })
  @ValidateIf((d: DeliveryDto) => d.method === 'ship' || d.address !== undefined)
  @IsDefined({ message: 'address is required for a ship delivery' })
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;

  @ApiPropertyOptional({ description: 'Required for pickup: the store where the customer collects', example: 'paris-rivoli' })
  @ValidateIf((d: DeliveryDto) => d.method === 'pickup' || d.locationId !== undefined)
  @IsString({ message: 'locationId is required for a pickup delivery' })
  @IsNotEmpty()
  @MaxLength(200)
  locationId?: string;
}

/** The contract's PlaceOrderRequest without its key, which comes in the Idempotency-Key header. */
export class PlaceOrderDto implements Omit<PlaceOrderRequest, 'idempotencyKey' | 'delivery'> {
  @ApiProperty({ enum: SALES_CHANNELS })
  @IsIn(SALES_CHANNELS)
  channel!: SalesChannel;

  @ApiProperty({ type: CustomerDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => CustomerDto)
  customer!: CustomerDto;

  @ApiProperty({ type: [OrderLineDto], minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => OrderLineDto)
  lines!: OrderLineDto[];

  @ApiProperty({ type: DeliveryDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => DeliveryDto)
  delivery!: DeliveryDto;

  @ApiPropertyOptional({ default: true, description: 'false: the order is never split over several locations (it waits as backordered instead)' })
  @IsOptional()
  @IsBoolean()
  allowSplit?: boolean;
}
