export * from './domain-error';
export * from './geo';
export * from './inventory.contracts';
export * from './message';
