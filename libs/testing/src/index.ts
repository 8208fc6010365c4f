export * from './decider-spec';
export * from './eventually';
export * from './test-env';
export * from './gateway-client';
export * from './service-process';
export * from './otlp-receiver';
