import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrderSubjects, stampMetadata, type ReturnableLine } from '@oms/contracts';
import { SAFE_TO_REPEAT, ServiceRuntime } from '@oms/messaging';
import { ReturnKeyReused } from '../return.errors';
import type { ReturnLine } from '../return.events';
import { ReturnRepository } from '../return.repository';
import { returnView, type ReturnView } from '../return.view';
import { findReturn, quantitiesInReturn } from '../return-list/return-list.query';
import { RequestReturnCommand } from './request-return.command';

const sumOf = (lines: readonly ReturnLine[], sku: string) => lines.filter((l) => l.sku === sku).reduce((sum, l) => sum + l.quantity, 0);

/** Whether a request asks for the return that exists (lines compared per SKU, as the return records them). */
const sameReturn = (existing: ReturnView, request: { method: string; locationId: string; lines: readonly ReturnLine[] }): boolean =>
  existing.method === request.method &&
  existing.locationId === request.locationId &&
  existing.lines.length === new Set(request.lines.map((l) => l.sku)).size &&
  existing.lines.every((l) => l.quantity === sumOf(request.lines, l.sku));

/**
 * Asks the order what was fulfilled, takes off what other returns already
 * cover, and lets the decider refuse more than that (422). Idempotent by
 * returnId; the same returnId with another request is 409.
 */
@CommandHandler(RequestReturnCommand)
export class RequestReturnHandler implements ICommandHandler<RequestReturnCommand> {
  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(ReturnRepository) private readonly returns: ReturnRepository,
  ) {}

  async execute({ request, context }: RequestReturnCommand): Promise<ReturnView> {
    const { runtime } = this;
    const existing = await findReturn(runtime.dataSource, request.returnId);
    if (existing) {
      // As for orders: a retry answers the same return, the same key for another return is a conflict.
      if (!sameReturn(existing, request)) throw new ReturnKeyReused(request.returnId);
      return existing;
    }
    const { lines: fulfilled } = await runtime.request<{ lines: readonly ReturnableLine[] }>(OrderSubjects.returnable, { orderId: request.orderId }, context, SAFE_TO_REPEAT);
    const { open, received } = await quantitiesInReturn(runtime.dataSource, request.orderId, request.returnId);
    // The order's returned count follows ReturnReceived a moment later; whichever is ahead counts.
    const returnable = fulfilled.map((l) => ({ sku: l.sku, quantity: Math.max(0, l.fulfilled - Math.max(l.returned, sumOf(received, l.sku)) - sumOf(open, l.sku)) }));
    const state = await this.returns.handle({ type: 'RequestReturn', data: { ...request, returnable }, metadata: stampMetadata(context) });
    return returnView(state)!;
  }
}
