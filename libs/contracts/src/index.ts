export * from './domain-error';
export * from './message';
