import { Injectable } from '@nestjs/common';
import { request } from '@oms/messaging';
import { GatewayConfig } from './gateway-config';
import { GatewayNats } from './gateway-nats';
import { requestContext } from './request-context';

/**
 * How controllers reach the services: NATS request/reply on
 * `<namespace>.<subject>`, carrying the HTTP request's correlation id and
 * caller. Throws DomainError (mapped by kind), ServiceUnavailable (503) or
 * ServiceFailure (500), which the problem filter turns into responses.
 */
@Injectable()
export class ServiceClient {
  constructor(private readonly nats: GatewayNats, private readonly config: GatewayConfig) {}

  /** @param subject relative to the namespace, e.g. `order.place`. */
  request<T>(subject: string, payload: unknown, options: { timeoutMs?: number } = {}): Promise<T> {
    const context = requestContext.getStore();
    return request<T>(
      this.nats.connection,
      this.config.namespace.subject(subject),
      payload,
      { correlationId: context?.correlationId ?? 'none', actor: context?.caller?.name ?? 'anonymous' },
      options.timeoutMs ?? this.config.requestTimeoutMs,
    );
  }
}
