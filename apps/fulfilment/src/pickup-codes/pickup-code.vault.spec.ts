import { PickupCodeVault } from './pickup-code.vault';

describe('Pickup code vault', () => {
  const vault = new PickupCodeVault('a-test-secret-of-some-length');

  it('draws six digits', () => {
    for (let i = 0; i < 50; i++) expect(vault.draw()).toMatch(/^\d{6}$/);
  });

  it('hashes a code the same way every time, and differently under another secret', () => {
    expect(vault.hash('042917')).toBe(vault.hash('042917'));
    expect(vault.hash('042917')).not.toBe(vault.hash('042918'));
    expect(new PickupCodeVault('another-secret-entirely').hash('042917')).not.toBe(vault.hash('042917'));
  });

  it('opens what it sealed, and nothing sealed under another secret', async () => {
    let sealed = '';
    await vault.keep({ query: async (_sql: string, params: string[]) => void (sealed = params[1]) } as never, 'f-1', '042917');
    expect(sealed).not.toContain('042917');
    expect(vault.open(sealed)).toBe('042917');
    expect(() => new PickupCodeVault('another-secret-entirely').open(sealed)).toThrow();
  });
});
