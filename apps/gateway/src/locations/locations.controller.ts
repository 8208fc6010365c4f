import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InventorySubjects, type LocationView, type Page } from '@oms/contracts/inventory.contracts';
import { promiseProfileViolations } from '@oms/promise/opening-hours';
import { Roles } from '../auth/roles.decorator';
import { requestInvalid } from '../problems/validation-errors';
import { IDEMPOTENT, ServiceClient } from '../service-client';
import { ListLocationsQuery, LocationDto, LocationPageDto, LocationParams, PutLocationBody } from './location.dtos';

/** Defining locations is admin work; every role may read them (checkout shows stores, a store sees its neighbours). */
@ApiTags('Locations')
@ApiBearerAuth()
@Controller('v1/locations')
export class LocationsController {
  constructor(private readonly inventory: ServiceClient) {}

  @Put(':locationId')
  @ApiOperation({ summary: 'Create or replace a location (admin)' })
  @ApiOkResponse({ type: LocationDto })
  put(@Param() { locationId }: LocationParams, @Body() body: PutLocationBody): Promise<LocationView> {
    // Zones, clocks and overlaps: the same rules the location decider applies, named field by field at the edge.
    const promiseErrors = promiseProfileViolations(body);
    if (promiseErrors.length > 0) throw requestInvalid(promiseErrors);
    return this.inventory.request(InventorySubjects.putLocation, { ...body, active: body.active ?? true, locationId }, IDEMPOTENT);
  }

  @Get()
  @Roles('checkout', 'store', 'logistics')
  @ApiOperation({ summary: 'List locations by id' })
  @ApiOkResponse({ type: LocationPageDto })
  list(@Query() query: ListLocationsQuery): Promise<Page<LocationView>> {
    return this.inventory.request(InventorySubjects.listLocations, { limit: query.limit ?? 50, ...(query.cursor ? { cursor: query.cursor } : {}) }, IDEMPOTENT);
  }

  @Get(':locationId')
  @Roles('checkout', 'store', 'logistics')
  @ApiOperation({ summary: 'One location' })
  @ApiOkResponse({ type: LocationDto })
  get(@Param() { locationId }: LocationParams): Promise<LocationView> {
    return this.inventory.request(InventorySubjects.getLocation, { locationId }, IDEMPOTENT);
  }
}
