/** The roles an API key may have (API.md "Auth"). */
export const ROLES = ['admin', 'checkout', 'store', 'logistics'] as const;
export type Role = (typeof ROLES)[number];

/** The caller of a request, as the gateway authenticated it, for services that check it again. */
export interface ActingCaller {
  readonly role: Role;
  /** Store keys only: the one location they act on. */
  readonly locationId?: string;
  readonly name: string;
}
