import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsNumber, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import type { SimulationPolicy, StartSimulationRequest } from '@oms/contracts';

export class SimulationPolicyDto implements SimulationPolicy {
  @ApiPropertyOptional({ example: 0.02 }) @IsOptional() @IsNumber() @Min(0) @Max(1_000_000) costPerKm?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(1_000_000) handlingWarehouse?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(1_000_000) handlingStore?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(1_000_000) expressMaxKm?: number;
}

export class StartSimulationDto implements StartSimulationRequest {
  @ApiProperty({ example: '2026-11-01T00:00:00Z', description: 'Orders placed from this instant…' }) @IsISO8601({ strict: true }) from!: string;
  @ApiProperty({ example: '2026-12-01T00:00:00Z', description: '…until this one (excluded)' }) @IsISO8601({ strict: true }) to!: string;
  @ApiProperty({ type: SimulationPolicyDto, description: 'Overrides of the routing configuration; {} replays with today’s' })
  @IsObject() @ValidateNested() @Type(() => SimulationPolicyDto)
  policy!: SimulationPolicyDto;
}
