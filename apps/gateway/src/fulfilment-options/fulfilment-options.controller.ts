import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { OrderSubjects, repeatedSkus, type FulfilmentOptionsView } from '@oms/contracts';
import { Roles } from '../auth/roles.decorator';
import { requestInvalid } from '../problems/validation-errors';
import { ServiceClient } from '../service-client';
import { FulfilmentOptionsBody, FulfilmentOptionsDto } from './fulfilment-options.dtos';

/** Checkout asks before the customer chooses; a store asks for the customer in front of it (every location, as availability). */
@ApiTags('Promise')
@ApiBearerAuth()
@Controller('v1/fulfilment-options')
export class FulfilmentOptionsController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @HttpCode(200)
  @Roles('checkout', 'store')
  @ApiOperation({
    summary: 'How a cart can be served, and by when (checkout, store, admin)',
    description:
      'Pickup where every line is in stock, ship-to-store, and parcels (rapid, express, standard), each as routing would decide it at `at`, ' +
      'with readyBy / deliverBy from the locations\' opening hours, lead times, cut-offs and transit days. An order placed on an option is promised the same.',
  })
  @ApiOkResponse({ type: FulfilmentOptionsDto })
  @ApiUnprocessableEntityResponse({ description: 'A field is wrong (named in errors): lines, destination, at, radiusKm' })
  @ApiForbiddenResponse({ description: 'A logistics key' })
  @ApiServiceUnavailableResponse({ description: 'The order or inventory service is unavailable' })
  options(@Body() body: FulfilmentOptionsBody): Promise<FulfilmentOptionsView> {
    const repeated = repeatedSkus(body.lines);
    if (repeated.length > 0) throw requestInvalid(repeated.map((i) => ({ path: `lines.${i}.sku`, message: `${body.lines[i].sku} appears more than once; each SKU once` })));
    return this.services.request<FulfilmentOptionsView>(OrderSubjects.fulfilmentOptions, {
      lines: body.lines.map(({ sku, quantity }) => ({ sku, quantity })),
      destination: { lat: body.destination.lat, lon: body.destination.lon },
      ...(body.at === undefined ? {} : { at: body.at }),
      ...(body.radiusKm === undefined ? {} : { radiusKm: body.radiusKm }),
    });
  }
}
