import { checkReplicas, readStreamReplicas } from './provision';

describe('Stream replicas', () => {
  it('are one unless OMS_STREAM_REPLICAS says otherwise', () => {
    expect(readStreamReplicas({})).toBe(1);
    expect(readStreamReplicas({ OMS_STREAM_REPLICAS: '3' })).toBe(3);
  });

  it('refuse a value JetStream cannot keep, naming the variable', () => {
    for (const raw of ['0', '6', '2.5', 'three']) expect(() => readStreamReplicas({ OMS_STREAM_REPLICAS: raw })).toThrow(/OMS_STREAM_REPLICAS/);
  });

  it('refuse more than one copy on a server that is not part of a cluster', () => {
    expect(() => checkReplicas({}, 3)).toThrow(/OMS_STREAM_REPLICAS is 3, but the NATS server is not part of a cluster/);
    expect(() => checkReplicas({}, 1)).not.toThrow();
    expect(() => checkReplicas({ cluster: 'oms' }, 3)).not.toThrow();
  });
});
