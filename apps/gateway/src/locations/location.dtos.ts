import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { LOCATION_TYPES, type LocationType, type LocationView, type OpeningHours } from '@oms/contracts';
import { PageQuery } from '../inbound/page-query';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsPositive, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

/** Ids appear in URLs and stream names: letters, digits and `._-`, starting with a letter or digit. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const ID_MESSAGE = 'must be 1 to 100 letters, digits, dots, dashes or underscores, starting with a letter or digit';

export class LocationParams {
  @ApiProperty({ example: 'paris-rivoli' })
  @Matches(ID_PATTERN, { message: `locationId ${ID_MESSAGE}` })
  locationId!: string;
}

export class GeoDto {
  @ApiProperty({ example: 48.8606, minimum: -90, maximum: 90 })
  @IsNumber() @Min(-90) @Max(90)
  lat!: number;

  @ApiProperty({ example: 2.3376, minimum: -180, maximum: 180 })
  @IsNumber() @Min(-180) @Max(180)
  lon!: number;
}

export class CapabilitiesDto {
  @ApiProperty({ description: 'Customers collect orders here (stores only)' }) @IsBoolean() pickup!: boolean;
  @ApiProperty({ description: 'The store ships parcels (stores only)' }) @IsBoolean() shipFromStore!: boolean;
  @ApiProperty({ description: 'The warehouse ships parcels (warehouses only, and always)' }) @IsBoolean() ship!: boolean;
}

export class RapidDeliveryDto {
  @ApiProperty({ example: 3, minimum: 0, exclusiveMinimum: true, description: 'Addresses within this distance of the store (km)' }) radiusKm!: number;
  @ApiProperty({ example: 30, minimum: 1, description: 'Minutes to the door, counted while the store is open' }) minutes!: number;
}

const OPENING_HOURS_EXAMPLE = { mon: [['09:00', '19:30']], tue: [['09:00', '19:30']], wed: [['09:00', '19:30']], thu: [['09:00', '19:30']], fri: [['09:00', '19:30']], sat: [['10:00', '13:00'], ['14:00', '19:00']], sun: [] };
const OPENING_HOURS_SCHEMA = {
  type: 'object',
  description: 'Local ["HH:MM", "HH:MM"] intervals per weekday (mon … sun), not overlapping; a day left out or [] is closed. Absent: always open',
  additionalProperties: { type: 'array', items: { type: 'array', items: { type: 'string', pattern: '^\\d{2}:\\d{2}$' }, minItems: 2, maxItems: 2 } },
  example: OPENING_HOURS_EXAMPLE,
} as const;

/**
 * The promise fields (API.md "Promise"), shared by the request and the view.
 * Only declared here: their rules (zones, clocks, overlaps, minutes) are the
 * promise lib's, which the controller applies so that every wrong one is named at once.
 */
class LocationPromiseFields {
  @ApiPropertyOptional({ example: 'Europe/Paris', default: 'UTC', description: 'IANA time zone of the opening hours and cut-off' })
  @IsOptional()
  timezone?: string;

  @ApiPropertyOptional(OPENING_HOURS_SCHEMA)
  @IsOptional()
  openingHours?: OpeningHours;

  @ApiPropertyOptional({ example: 120, default: 120, minimum: 1, description: 'Minutes of opening time from order to ready for pickup' })
  @IsOptional()
  pickupLeadMinutes?: number;

  @ApiPropertyOptional({ example: '15:00', description: 'Local HH:MM: parcels ordered before it leave the same open day. Absent: no cut-off' })
  @IsOptional()
  dispatchCutoff?: string;

  @ApiPropertyOptional({ type: RapidDeliveryDto, description: 'Rapid delivery from this store. Absent: none' })
  @IsOptional()
  rapidDelivery?: RapidDeliveryDto;
}

export class PutLocationBody extends LocationPromiseFields {
  @ApiProperty({ example: 'Paris Rivoli' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: LOCATION_TYPES })
  @IsIn(LOCATION_TYPES)
  type!: LocationType;

  @ApiProperty({ type: GeoDto })
  @ValidateNested() @Type(() => GeoDto)
  geo!: GeoDto;

  @ApiProperty({ type: CapabilitiesDto })
  @ValidateNested() @Type(() => CapabilitiesDto)
  capabilities!: CapabilitiesDto;

  @ApiProperty({ example: 200, minimum: 0, description: 'Allocations the location can take per day' })
  @IsInt() @Min(0) @Max(1_000_000)
  capacityPerDay!: number;

  @ApiPropertyOptional({ example: 72, default: 72, description: 'Hours a ready pickup is held (fractions allowed)' })
  @IsOptional() @IsNumber() @IsPositive() @Max(24 * 365)
  pickupHoldHours?: number;

  @ApiPropertyOptional({ default: true, description: 'A paused location (false) gets no new work and drops out of availability' })
  @IsOptional() @IsBoolean()
  active?: boolean;
}

/** The contract's LocationView, described for the OpenAPI document. */
export class LocationDto extends LocationPromiseFields implements LocationView {
  @ApiProperty() locationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: LOCATION_TYPES }) type!: LocationType;
  @ApiProperty({ type: GeoDto }) geo!: GeoDto;
  @ApiProperty({ type: CapabilitiesDto }) capabilities!: CapabilitiesDto;
  @ApiProperty() capacityPerDay!: number;
  @ApiProperty() pickupHoldHours!: number;
  @ApiProperty() active!: boolean;
}

export class LocationPageDto {
  @ApiProperty({ type: [LocationDto] }) items!: LocationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class ListLocationsQuery extends PageQuery {}
