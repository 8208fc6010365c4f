import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/roles.decorator';
import { problem } from '../problems/problem';
import { ProblemException } from '../problems/problem.exception';
import { ServiceClient } from '../service-client';

const SERVICES = ['order', 'inventory', 'fulfilment', 'webhooks'] as const;
// Short, so that a load balancer probing readiness is answered well within its own timeout.
const PROBE_TIMEOUT_MS = 1500;

type Status = 'up' | 'down';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly services: ServiceClient) {}

  @Get('live')
  @ApiOkResponse({ description: 'The gateway process is running' })
  live() {
    return { status: 'up' };
  }

  @Get('ready')
  @ApiOkResponse({ description: 'The gateway and all four services answer' })
  @ApiServiceUnavailableResponse({ description: 'At least one service does not answer' })
  async ready() {
    const answers = await Promise.all(
      SERVICES.map((service) =>
        this.services.request(`${service}.health`, null, { timeoutMs: PROBE_TIMEOUT_MS, once: true }).then(
          (): Status => 'up',
          (): Status => 'down',
        ),
      ),
    );
    const services = Object.fromEntries(SERVICES.map((service, i) => [service, answers[i]])) as Record<(typeof SERVICES)[number], Status>;
    const down = SERVICES.filter((service) => services[service] === 'down');
    if (down.length === 0) return { status: 'up', services };
    throw new ProblemException(
      problem(503, 'not-ready', `Not ready: ${down.join(', ')} ${down.length === 1 ? 'does' : 'do'} not answer`, { services }),
    );
  }
}
