export * from './caller';
export * from './domain-error';
export * from './fulfilment.contracts';
export * from './geo';
export * from './inventory.contracts';
export * from './message';
export * from './order.contracts';
export * from './simulation.contracts';
