import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InventorySubjects, type AvailabilityView } from '@oms/contracts/inventory.contracts';
import { Roles } from '../auth/roles.decorator';
import { IDEMPOTENT, ServiceClient } from '../service-client';
import { AvailabilityDto, AvailabilityQueryDto } from './availability.dtos';

@ApiTags('Stock')
@ApiBearerAuth()
@Controller('v1/availability')
export class AvailabilityController {
  constructor(private readonly inventory: ServiceClient) {}

  @Get()
  @Roles('checkout', 'store')
  @ApiOperation({ summary: 'Available to promise per SKU and location, from the read model' })
  @ApiOkResponse({ type: AvailabilityDto })
  get(@Query() query: AvailabilityQueryDto): Promise<AvailabilityView> {
    const position = query.lat !== undefined && query.lon !== undefined ? { lat: query.lat, lon: query.lon } : {};
    return this.inventory.request(InventorySubjects.availability, { skus: query.sku, ...position }, IDEMPOTENT);
  }
}
