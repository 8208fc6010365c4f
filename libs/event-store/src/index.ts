export * from './concurrency-error';
export * from './data-source';
export * from './decider';
export * from './event-store';
export * from './event-store.schema';
export * from './handle-command';
export * from './recorded-event';
export * from './upcasters';
