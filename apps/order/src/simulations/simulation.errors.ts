import { DomainError } from '@oms/contracts';

export class SimulationNotFound extends DomainError {
  constructor(simulationId: string) {
    super('SIMULATION.NOT_FOUND', 'not-found', `Simulation ${simulationId} does not exist`);
  }
}
