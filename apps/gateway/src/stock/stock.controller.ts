import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AsOfQuery } from '../inbound/as-of-query';
import { InventorySubjects, type StockLevelView } from '@oms/contracts/inventory.contracts';
import { Caller } from '../auth/caller';
import { assertLocationAccess } from '../auth/location-access';
import { Roles } from '../auth/roles.decorator';
import { ServiceClient } from '../service-client';
import { AdjustStockBody, CountStockBody, StockItemParams, StockLevelDto } from './stock.dtos';

/** Admin, or a store key on its own location only (a POS syncing its counts). */
@ApiTags('Stock')
@ApiBearerAuth()
@Roles('store')
@Controller('v1/locations/:locationId/stock/:sku')
export class StockController {
  constructor(private readonly inventory: ServiceClient) {}

  @Put()
  @ApiOperation({ summary: 'Set the counted quantity (absolute, from a POS or WMS)' })
  @ApiOkResponse({ type: StockLevelDto })
  count(@Caller() caller: Caller, @Param() { locationId, sku }: StockItemParams, @Body() body: CountStockBody): Promise<StockLevelView> {
    assertLocationAccess(caller, locationId);
    return this.inventory.request(InventorySubjects.countStock, { ...body, locationId, sku });
  }

  @Post('adjustments')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add or remove units with a reason' })
  @ApiOkResponse({ type: StockLevelDto })
  adjust(@Caller() caller: Caller, @Param() { locationId, sku }: StockItemParams, @Body() body: AdjustStockBody): Promise<StockLevelView> {
    assertLocationAccess(caller, locationId);
    return this.inventory.request(InventorySubjects.adjustStock, { ...body, locationId, sku });
  }

  @Get()
  @ApiOperation({ summary: 'The stock level (all zeros for a SKU never counted here)' })
  @ApiOkResponse({ type: StockLevelDto })
  @ApiUnprocessableEntityResponse({ description: '`asOf` unreadable or in the future' })
  get(@Caller() caller: Caller, @Param() { locationId, sku }: StockItemParams, @Query() { asOf }: AsOfQuery): Promise<StockLevelView> {
    assertLocationAccess(caller, locationId);
    return this.inventory.request(InventorySubjects.getStock, { locationId, sku, ...(asOf ? { asOf } : {}) });
  }
}
