import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Role } from './api-keys';

/** Who is calling, as established by the API key guard. */
export interface Caller {
  readonly role: Role;
  /** Set for store keys only. */
  readonly locationId?: string;
  /** The key's name (never the key itself): the actor recorded in logs and event history. */
  readonly name: string;
}

export const callerOf = (req: Request): Caller | undefined => (req as Request & { caller?: Caller }).caller;

/** Injects the authenticated {@link Caller} into a controller method. */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = callerOf(context.switchToHttp().getRequest<Request>());
  // Only reachable on a @Public() route, where there is no caller to give.
  if (!caller) throw new Error('@Caller() used on a route without an authenticated caller');
  return caller;
});
