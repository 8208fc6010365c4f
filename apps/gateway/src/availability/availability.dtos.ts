import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { LOCATION_TYPES, type AvailabilityView, type LocationAvailability, type LocationType, type SkuAvailability } from '@oms/contracts';
import { QueryNumber } from '../inbound/query-number';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsNumber, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';

export class AvailabilityQueryDto {
  @ApiProperty({ type: [String], example: ['TENT-2P', 'HEADLAMP'], description: 'Repeat the parameter for each SKU (at most 100)' })
  // `?sku=A` arrives as a string, `?sku=A&sku=B` as an array.
  @Transform(({ value }) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]))
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(200, { each: true })
  sku!: string[];

  @ApiPropertyOptional({ example: 48.8566, description: 'With lon: locations get distanceKm and are sorted nearest first' })
  @ValidateIf((q: AvailabilityQueryDto) => q.lat !== undefined || q.lon !== undefined)
  @QueryNumber() @IsNumber({}, { message: 'lat must be a number (given together with lon)' }) @Min(-90) @Max(90)
  lat?: number;

  @ApiPropertyOptional({ example: 2.3522 })
  @ValidateIf((q: AvailabilityQueryDto) => q.lat !== undefined || q.lon !== undefined)
  @QueryNumber() @IsNumber({}, { message: 'lon must be a number (given together with lat)' }) @Min(-180) @Max(180)
  lon?: number;
}

export class LocationAvailabilityDto implements LocationAvailability {
  @ApiProperty() locationId!: string;
  @ApiProperty({ enum: LOCATION_TYPES }) type!: LocationType;
  @ApiProperty() available!: number;
  @ApiProperty() pickup!: boolean;
  @ApiProperty({ description: 'Parcels leave from here (a warehouse, or a store that ships from store)' }) ship!: boolean;
  @ApiPropertyOptional({ description: 'Only when lat/lon are given; rounded to 0.1 km' }) distanceKm?: number;
}

export class SkuAvailabilityDto implements SkuAvailability {
  @ApiProperty() sku!: string;
  @ApiProperty({ description: 'Available to promise over every active location' }) available!: number;
  @ApiProperty({ description: 'Of which at locations that ship' }) shipAvailable!: number;
  @ApiProperty({ type: [LocationAvailabilityDto], description: 'Locations with some available, nearest first (or by id without lat/lon)' })
  locations!: LocationAvailabilityDto[];
}

/** The contract's AvailabilityView, described for the OpenAPI document. */
export class AvailabilityDto implements AvailabilityView {
  @ApiProperty({ type: [SkuAvailabilityDto] }) items!: SkuAvailabilityDto[];
}
