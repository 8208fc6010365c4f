export * from './business-time';
export * from './opening-hours';
export * from './promise-rules';
export * from './zoned-time';
