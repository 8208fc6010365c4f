import { DomainError } from '@oms/contracts';

export class WebhookNotFound extends DomainError {
  constructor(webhookId: string) {
    super('WEBHOOK.NOT_FOUND', 'not-found', `No webhook ${webhookId}`);
  }
}

/** A destination the service will not deliver to; names the field, as every validation error does. */
export class WebhookUrlRefused extends DomainError {
  constructor(reason: string) {
    super('WEBHOOK.URL_REFUSED', 'validation', `url ${reason}`, [{ path: 'url', message: reason }]);
  }
}

export class ReplaySinceInvalid extends DomainError {
  constructor() {
    super('WEBHOOK.REPLAY_SINCE_INVALID', 'validation', 'since must be an ISO 8601 time', [{ path: 'since', message: 'must be an ISO 8601 time' }]);
  }
}
