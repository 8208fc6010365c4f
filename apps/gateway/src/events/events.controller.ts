import { Controller, Get, Head, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { once } from 'node:events';
import type { Request, Response } from 'express';
import { DomainError } from '@oms/contracts';
import { Caller } from '../auth/caller';
import { Roles } from '../auth/roles.decorator';
import { GatewayNats } from '../gateway-nats';
import { EventsQuery } from './event.dtos';
import { FeedConsumer } from './feed-consumer';
import { matches, sseFrame, toPublicEvent } from './public-event';
import { PublicEventsStream } from './public-events.stream';

const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' };

/** `Last-Event-ID` is an id this feed gave: a stream sequence, written in decimal and exact in a JavaScript number. */
const lastEventId = (header: string | undefined): number | undefined => {
  if (header === undefined || header.trim() === '') return undefined;
  const value = Number(header.trim());
  if (!/^\d{1,16}$/.test(header.trim()) || !Number.isSafeInteger(value))
    throw new DomainError('REQUEST.INVALID', 'validation', 'Last-Event-ID must be the id of an event of this feed', [
      { path: 'Last-Event-ID', message: `must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}` },
    ]);
  return value;
};

@ApiTags('events')
@ApiBearerAuth()
@Roles('checkout', 'store', 'logistics')
@Controller('v1/events')
export class EventsController {
  constructor(private readonly nats: GatewayNats, private readonly stream: PublicEventsStream) {}

  /** Answers what GET would start with, without holding the connection open. */
  @Head()
  head(@Res() response: Response, @Headers('last-event-id') lastEventIdHeader?: string): void {
    lastEventId(lastEventIdHeader);
    response.writeHead(200, SSE_HEADERS).end();
  }

  @Get()
  @ApiOperation({ summary: 'Live order, fulfilment and stock events (Server-Sent Events); resume with Last-Event-ID. Store keys: events of their location.' })
  async events(
    @Req() request: Request,
    @Res() response: Response,
    @Caller() caller: Caller,
    @Query() { types, orderId }: EventsQuery,
    @Headers('last-event-id') lastEventIdHeader?: string,
  ): Promise<void> {
    const after = lastEventId(lastEventIdHeader);
    const feed = await FeedConsumer.open(this.nats.connection, this.stream.name, after);
    // The client may have gone while the consumer was being made: nothing must outlive it.
    if (request.destroyed || response.destroyed || response.closed) return feed.close();
    const closed = new Promise<void>((resolve) => response.once('close', resolve));
    void closed.then(() => feed.close());
    response.writeHead(200, SSE_HEADERS);
    response.write(': connected\n\n');
    // A comment now and then keeps proxies from closing an idle stream.
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), 15_000);
    const filter = {
      types: types ? new Set(types.split(',').map((t) => t.trim()).filter(Boolean)) : undefined,
      orderId,
      locationId: caller.role === 'store' ? caller.locationId : undefined,
    };
    try {
      for await (const message of feed.messages) {
        const event = toPublicEvent(message.seq, message.subject, message.json());
        // A client that reads slowly makes the feed wait rather than the gateway buffer for it.
        if (matches(event, filter) && !response.write(sseFrame(event))) await Promise.race([once(response, 'drain').catch(() => undefined), closed]);
      }
    } finally {
      clearInterval(heartbeat);
      await feed.close();
      response.end();
    }
  }
}
