import { SetMetadata } from '@nestjs/common';
import type { Role } from './api-keys';

export const ROLES_KEY = 'oms:roles';
export const PUBLIC_KEY = 'oms:public';

/**
 * The roles allowed on a controller or route (the route's list wins).
 * Admin is always allowed. A route with no @Roles anywhere is admin-only:
 * forgetting the decorator closes a route rather than opening it.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** A route that needs no API key (health, metrics). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
