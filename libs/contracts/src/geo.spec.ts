import { haversineKm } from './geo';

const paris = { lat: 48.8566, lon: 2.3522 };
const lyon = { lat: 45.764, lon: 4.8357 };

describe('haversineKm', () => {
  it('puts Paris about 392 km from Lyon', () => {
    expect(haversineKm(paris, lyon)).toBeGreaterThan(390);
    expect(haversineKm(paris, lyon)).toBeLessThan(394);
  });

  it('is zero from a point to itself', () => {
    expect(haversineKm(paris, paris)).toBe(0);
  });

  it('is the same in both directions', () => {
    expect(haversineKm(lyon, paris)).toBeCloseTo(haversineKm(paris, lyon), 9);
  });

  it('gives half the circumference between antipodes', () => {
    expect(haversineKm({ lat: 0, lon: 0 }, { lat: 0, lon: 180 })).toBeCloseTo(Math.PI * 6371, 6);
  });
});
