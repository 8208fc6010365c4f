import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import type { Request, Response } from 'express';
import { Roles } from '../auth/roles.decorator';
import { GatewayNats } from '../gateway-nats';
import { matches, sseFrame, toPublicEvent } from './public-event';
import { PublicEventsStream } from './public-events.stream';

@ApiTags('events')
@ApiBearerAuth()
@Roles('checkout', 'logistics')
@Controller('v1/events')
export class EventsController {
  constructor(private readonly nats: GatewayNats, private readonly stream: PublicEventsStream) {}

  @Get()
  @ApiOperation({ summary: 'Live order, fulfilment and stock events (Server-Sent Events); resume with Last-Event-ID' })
  @ApiQuery({ name: 'types', required: false, description: 'comma-separated event types' })
  @ApiQuery({ name: 'orderId', required: false })
  async events(
    @Req() request: Request,
    @Res() response: Response,
    @Query('types') types?: string,
    @Query('orderId') orderId?: string,
    @Headers('last-event-id') lastEventId?: string,
  ): Promise<void> {
    const after = Number(lastEventId);
    const consumer = await jetstream(this.nats.connection).consumers.get(
      this.stream.name,
      Number.isInteger(after) && after > 0 ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: after + 1 } : { deliver_policy: DeliverPolicy.New },
    );
    const messages = await consumer.consume();
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    response.write(': connected\n\n');
    // A comment now and then keeps proxies from closing an idle stream.
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), 15_000);
    request.on('close', () => {
      clearInterval(heartbeat);
      void messages.close();
    });
    const filter = { types: types ? new Set(types.split(',').map((t) => t.trim()).filter(Boolean)) : undefined, orderId };
    for await (const message of messages) {
      const event = toPublicEvent(message.seq, message.subject, message.json());
      if (matches(event, filter)) response.write(sseFrame(event));
    }
    response.end();
  }
}
