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
 *
 * A request marked `idempotent` (a read, an order with its Idempotency-Key, a
 * fulfilment action) that an instance has not answered within
 * OMS_REQUEST_ATTEMPT_TIMEOUT_MS is sent again, so that another instance
 * answers when the first died or stalls: a single instance lost is no 503.
 */
/** For requests that are safe to repeat: see {@link ServiceClient}. */
export const IDEMPOTENT = { idempotent: true } as const;

@Injectable()
export class ServiceClient {
  constructor(private readonly nats: GatewayNats, private readonly config: GatewayConfig) {}

  /** @param subject relative to the namespace, e.g. `order.place`. */
  request<T>(subject: string, payload: unknown, options: { timeoutMs?: number; idempotent?: boolean; once?: boolean } = {}): Promise<T> {
    const context = requestContext.getStore();
    return request<T>(
      this.nats.connection,
      this.config.namespace.subject(subject),
      payload,
      { correlationId: context?.correlationId ?? 'none', actor: context?.caller?.name ?? 'anonymous' },
      {
        timeoutMs: options.timeoutMs ?? this.config.requestTimeoutMs,
        ...(options.idempotent ? { repeatAfterMs: this.config.requestAttemptTimeoutMs } : {}),
        ...(options.once ? { once: true } : {}),
      },
    );
  }
}
