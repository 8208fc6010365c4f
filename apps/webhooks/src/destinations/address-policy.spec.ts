import { checkWebhookUrl, isPublicAddress } from './address-policy';

describe('Webhook destinations › given an address', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255'])(
    'when it is %s, then it is not public',
    (address) => expect(isPublicAddress(address)).toBe(false),
  );
  it.each(['::1', '::', 'fe80::1', 'fd00::1', 'fc00::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe', '64:ff9b::a00:1'])(
    'when it is the IPv6 %s, then it is not public',
    (address) => expect(isPublicAddress(address)).toBe(false),
  );
  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111', '::ffff:808:808'])('when it is %s, then it is public', (address) =>
    expect(isPublicAddress(address)).toBe(true),
  );
  it('when it is not an address at all, then it is not public', () => expect(isPublicAddress('example.com')).toBe(false));
});

describe('Webhook destinations › given a URL', () => {
  const refused = (url: string) => {
    const verdict = checkWebhookUrl(url, false);
    return verdict.ok ? undefined : verdict.reason;
  };

  it('when it is https to a public name, then it is accepted', () => expect(checkWebhookUrl('https://hooks.example.com/oms', false)).toMatchObject({ ok: true }));
  it('when it is http to a public address, then it is accepted', () => expect(checkWebhookUrl('http://8.8.8.8:8080/x', false)).toMatchObject({ ok: true }));
  it('when it uses another scheme, then it is refused', () => {
    expect(refused('ftp://example.com/x')).toMatch(/http or https/);
    expect(refused('file:///etc/passwd')).toMatch(/http or https/);
  });
  it('when it is not a URL, then it is refused', () => expect(refused('not a url')).toMatch(/absolute/));
  it('when it carries credentials, then it is refused', () => expect(refused('https://user:pw@example.com/')).toMatch(/credentials/));
  it.each(['http://127.0.0.1:9000/', 'http://[::1]/', 'http://169.254.169.254/latest/meta-data', 'http://10.0.0.5/', 'http://[::ffff:127.0.0.1]/', 'http://localhost:3000/', 'http://api.localhost/', 'http://2130706433/', 'http://0x7f000001/', 'http://0177.0.0.1/'])(
    'when it points to %s, then it is refused',
    (url) => expect(refused(url)).toMatch(/must not point/),
  );
  it('when private destinations are allowed, then a loopback URL is accepted', () => expect(checkWebhookUrl('http://127.0.0.1:9000/', true)).toMatchObject({ ok: true }));
});
