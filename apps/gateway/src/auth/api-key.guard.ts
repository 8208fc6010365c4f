import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { GatewayConfig } from '../gateway-config';
import { requestContext } from '../request-context';
import type { ApiKey, Role } from './api-keys';
import type { Caller } from './caller';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

/** Global guard: `Authorization: Bearer <key>` → 401 when missing or unknown, 403 when the role is not allowed. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: ReadonlyMap<string, ApiKey>;

  constructor(private readonly reflector: Reflector, config: GatewayConfig) {
    this.keys = new Map(config.apiKeys.map((k) => [k.key, k]));
  }

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const http = context.switchToHttp();
    const apiKey = this.keys.get(bearerToken(http.getRequest<Request>()) ?? '');
    if (!apiKey) {
      http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer');
      throw new UnauthorizedException('A valid API key is required: Authorization: Bearer <key>');
    }
    const caller: Caller = { role: apiKey.role, locationId: apiKey.locationId, name: apiKey.name };
    (http.getRequest<Request>() as Request & { caller?: Caller }).caller = caller;
    const store = requestContext.getStore();
    if (store) store.caller = caller;
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    if (caller.role !== 'admin' && !allowed.includes(caller.role))
      throw new ForbiddenException(`The ${caller.role} role may not use this route`);
    return true;
  }
}

const bearerToken = (req: Request): string | undefined => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.header('authorization') ?? '');
  return match?.[1];
};
