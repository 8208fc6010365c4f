import { defaultRoutingConfig, parseRoutingConfig } from './routing.config';

describe('parseRoutingConfig', () => {
  it('keeps the defaults when no variable is set', () => {
    expect(parseRoutingConfig({})).toEqual(defaultRoutingConfig);
  });

  it('has the documented defaults', () => {
    expect(defaultRoutingConfig).toEqual({ expressMaxKm: 20, costPerKm: 0.002, handlingCost: { warehouse: 1, store: 2.5 }, maxAttempts: 5 });
  });

  it('keeps the default for a blank variable', () => {
    expect(parseRoutingConfig({ OMS_ROUTING_EXPRESS_MAX_KM: ' ' }).expressMaxKm).toBe(20);
  });

  it('reads every OMS_ROUTING_* variable', () => {
    const config = parseRoutingConfig({
      OMS_ROUTING_EXPRESS_MAX_KM: '35',
      OMS_ROUTING_COST_PER_KM: '0.01',
      OMS_ROUTING_HANDLING_WAREHOUSE: '1.5',
      OMS_ROUTING_HANDLING_STORE: '3',
      OMS_ROUTING_MAX_ATTEMPTS: '8',
    });
    expect(config).toEqual({ expressMaxKm: 35, costPerKm: 0.01, handlingCost: { warehouse: 1.5, store: 3 }, maxAttempts: 8 });
  });

  it('refuses a value that is not a number, naming the variable', () => {
    expect(() => parseRoutingConfig({ OMS_ROUTING_COST_PER_KM: 'cheap' })).toThrow(/OMS_ROUTING_COST_PER_KM/);
  });

  it('refuses a negative weight, naming the variable', () => {
    expect(() => parseRoutingConfig({ OMS_ROUTING_HANDLING_STORE: '-1' })).toThrow(/OMS_ROUTING_HANDLING_STORE/);
  });

  it('refuses a maximum of attempts that is not a positive integer', () => {
    expect(() => parseRoutingConfig({ OMS_ROUTING_MAX_ATTEMPTS: '0' })).toThrow(/OMS_ROUTING_MAX_ATTEMPTS/);
    expect(() => parseRoutingConfig({ OMS_ROUTING_MAX_ATTEMPTS: '2.5' })).toThrow(/OMS_ROUTING_MAX_ATTEMPTS/);
  });
});
