import { Inject } from '@nestjs/common';
import { Command, CommandHandler, Query, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SimulationView, StartSimulationRequest } from '@oms/contracts/simulation.contracts';
import { SimulationJobs } from './simulation-jobs';

export class StartSimulationCommand extends Command<SimulationView> {
  constructor(readonly request: StartSimulationRequest) {
    super();
  }
}

export class GetSimulationQuery extends Query<SimulationView> {
  constructor(readonly simulationId: string) {
    super();
  }
}

/** Answers at once with the job running; its progress and result are read with GetSimulationQuery. */
@CommandHandler(StartSimulationCommand)
export class StartSimulationHandler implements ICommandHandler<StartSimulationCommand> {
  constructor(@Inject(SimulationJobs) private readonly jobs: SimulationJobs) {}

  execute({ request }: StartSimulationCommand): Promise<SimulationView> {
    return this.jobs.start(request);
  }
}

@QueryHandler(GetSimulationQuery)
export class GetSimulationHandler implements IQueryHandler<GetSimulationQuery> {
  constructor(@Inject(SimulationJobs) private readonly jobs: SimulationJobs) {}

  execute({ simulationId }: GetSimulationQuery): Promise<SimulationView> {
    return this.jobs.find(simulationId);
  }
}
