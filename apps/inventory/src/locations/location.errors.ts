import { DomainError, type FieldError } from '@oms/contracts';

export class InvalidLocation extends DomainError {
  constructor(
    readonly locationId: string,
    errors: readonly FieldError[],
  ) {
    super('LOCATION.INVALID', 'validation', `Location ${locationId} is not valid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors);
  }
}

export class LocationNotFound extends DomainError {
  constructor(readonly locationId: string) {
    super('LOCATION.NOT_FOUND', 'not-found', `No location ${locationId}`);
  }
}
