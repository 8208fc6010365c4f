import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { SimulationSubjects, type SimulationView } from '@oms/contracts';
import { requestInvalid } from '../problems/validation-errors';
import { ServiceClient } from '../service-client';
import { StartSimulationDto } from './simulation.dtos';

/** Routing policies tried on the past (API.md "Routing simulations"); admin only. */
@ApiTags('routing simulations')
@ApiBearerAuth()
@Controller('v1/routing/simulations')
export class SimulationsController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Replays the orders placed in a window under another routing policy, on a shadow stock. Admin only.' })
  @ApiAcceptedResponse({ description: '{ simulationId, status: "running", progress: { done, total } }' })
  @ApiUnprocessableEntityResponse({ description: '`from`/`to` unreadable, not in order or in the future; a policy number below 0' })
  start(@Body() body: StartSimulationDto): Promise<SimulationView> {
    if (Date.parse(body.from) >= Date.parse(body.to)) throw requestInvalid([{ path: 'to', message: 'must be after from' }]);
    if (Date.parse(body.from) > Date.now()) throw requestInvalid([{ path: 'from', message: 'must not be in the future' }]);
    return this.services.request<SimulationView>(SimulationSubjects.start, body);
  }

  @Get(':simulationId')
  @ApiOperation({ summary: 'The job: progress while running; baseline and candidate metrics and the changed orders once completed. Admin only.' })
  @ApiOkResponse({ description: 'SimulationView' })
  @ApiNotFoundResponse({ description: 'Unknown simulation' })
  get(@Param('simulationId') simulationId: string): Promise<SimulationView> {
    return this.services.request<SimulationView>(SimulationSubjects.get, { simulationId });
  }
}
