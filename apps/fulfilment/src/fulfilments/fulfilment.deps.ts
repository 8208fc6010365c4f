import type { ServiceRuntime } from '@oms/messaging';
import type { FulfilmentConfig } from '../fulfilment-config';
import type { PickupCodeVault } from '../pickup-codes/pickup-code.vault';
import type { FulfilmentRepository } from './fulfilment.repository';

/** What the request handlers of this service work with. */
export interface FulfilmentDeps {
  readonly runtime: ServiceRuntime;
  readonly fulfilments: FulfilmentRepository;
  readonly vault: PickupCodeVault;
  readonly config: FulfilmentConfig;
}
