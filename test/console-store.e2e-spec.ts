import { eventually, gatewayClient, TestSystem } from '@oms/testing';
import { consoleSuite, DESKTOP, dialogOf, jobIn, jobOf, screenshot } from './console-support';
import { clients, count, LOCATIONS, line, orderBody, paris, place, settled, store, type Client, orderWhere as waitForOrder } from './order-support';

/**
 * The store associate's console in a real browser against the whole system:
 * every control found by its role and accessible name, as API.md lists them.
 */
describe('Operations console, store view (browser, end to end)', () => {
  const system = new TestSystem({ LOG_LEVEL: 'warn' });
  let admin: Client;
  let checkout: Client;
  let bastille: Client;
  const browser = consoleSuite(system, async () => {
    ({ admin, checkout } = clients(system));
    bastille = gatewayClient(system.baseUrl, 'demo-store-paris-bastille');
    for (const [id, body] of Object.entries({ ...LOCATIONS, 'paris-bastille': { name: 'Paris Bastille', ...store(48.8532, 2.3691) } }))
      expect((await admin.put(`/v1/locations/${id}`, body)).status).toBe(200);
  });

  const open = (key = 'demo-store-paris-rivoli', viewport?: { width: number; height: number }) => browser.signIn(key, viewport);
  const customer = { id: 'c-9', email: 'lea@example.com', name: 'Léa Martin' };
  const pickupOrder = async (lines: object[], locationId = 'paris-rivoli') =>
    settled(checkout, (await place(checkout, orderBody(lines, { method: 'pickup', locationId }, { customer }))).orderId);
  const orderWhere = (orderId: string, check: (order: any) => void, timeoutMs?: number) => waitForOrder(checkout, orderId, check, timeoutMs);
  const fulfilment = async (fulfilmentId: string) => (await admin.get(`/v1/fulfilments/${fulfilmentId}`)).body;
  const pickupCodeOf = (orderId: string) =>
    orderWhere(orderId, (o) => expect(o.allocations.find((a: any) => a.pickupCode)).toBeDefined()).then((o) => o.allocations.find((a: any) => a.pickupCode).pickupCode as string);

  it('serves the console without a key, never cached as a page, and answers a bad path with problem+json', async () => {
    const page = await fetch(`${system.baseUrl}/console/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('/console/assets/');
    expect((await fetch(`${system.baseUrl}/console`)).status).toBe(200);
    const malformed = await fetch(`${system.baseUrl}/console/%E0%A4%A`);
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const missing = await fetch(`${system.baseUrl}/console/assets/nothing.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('refuses an unknown key at sign-in, showing why', async () => {
    const page = await browser.newPage();
    await page.goto(`${system.baseUrl}/console/`);
    await page.getByLabel('API key').fill('not-a-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  });

  it('takes a pickup from new to handed over: a wrong code shows the attempts left, the right one hands it over', async () => {
    await count(admin, 'paris-rivoli', 'CON-TENT', 5);
    const order = await pickupOrder([line('CON-TENT', 2)]);
    const page = await open();
    const { orderNumber } = order;

    const job = jobIn(page, 'New', orderNumber);
    await job.getByText('Léa Martin').waitFor();
    await job.getByText('2 × CON-TENT').waitFor();
    await screenshot(page, 'queue-phone');
    await job.getByRole('button', { name: 'Accept' }).click();

    const toPick = jobIn(page, 'To pick', orderNumber);
    await toPick.getByRole('button', { name: 'Pick' }).click();
    const pick = dialogOf(toPick);
    expect(await pick.getByLabel('Found CON-TENT (of 2)').inputValue()).toBe('2');
    await pick.getByRole('button', { name: 'Pick' }).click();

    const toHandOver = jobIn(page, 'To hand over or ship', orderNumber);
    await toHandOver.getByRole('button', { name: 'Ready for pickup' }).click();
    await jobIn(page, 'To hand over or ship', orderNumber).getByText('ready for pickup', { exact: true }).waitFor();
    const code = await pickupCodeOf(order.orderId);
    await toHandOver.getByRole('button', { name: 'Hand over' }).click();
    const handOver = dialogOf(toHandOver);
    await handOver.getByText('5 attempts left').waitFor();
    await handOver.getByLabel('Pickup code').fill(code === '000000' ? '000001' : '000000');
    await handOver.getByRole('button', { name: 'Hand over' }).click();
    await handOver.getByRole('alert').getByText(/Wrong pickup code.*4 attempt\(s\) left/).waitFor();
    await handOver.getByText('4 attempts left').waitFor();
    await screenshot(page, 'hand-over-wrong-code');

    await handOver.getByLabel('Pickup code').fill(code);
    await handOver.getByRole('button', { name: 'Hand over' }).click();
    await jobIn(page, 'Done today', orderNumber).getByText('collected', { exact: true }).waitFor();
    await jobIn(page, 'Done today', orderNumber).getByRole('status').getByText(`Order ${orderNumber}: handed over`).waitFor();
    expect((await fulfilment(order.allocations[0].fulfilmentId)).status).toBe('collected');
  }, 60_000);

  it('shows a clear message when a pickup is locked after five wrong codes', async () => {
    await count(admin, 'paris-rivoli', 'CON-LOCK', 2);
    const order = await pickupOrder([line('CON-LOCK', 1)]);
    const rivoli = gatewayClient(system.baseUrl, 'demo-store-paris-rivoli');
    const { fulfilmentId } = order.allocations[0];
    for (const [action, body] of [['accept', {}], ['pick', { lines: [{ sku: 'CON-LOCK', quantity: 1 }] }], ['ready', {}]] as const)
      expect((await rivoli.post(`/v1/fulfilments/${fulfilmentId}/${action}`, body)).status).toBe(200);
    const code = await pickupCodeOf(order.orderId);
    for (let i = 0; i < 4; i++) await rivoli.post(`/v1/fulfilments/${fulfilmentId}/collect`, { pickupCode: code === '000000' ? '000001' : '000000' });

    const page = await open();
    const job = jobIn(page, 'To hand over or ship', order.orderNumber);
    await job.getByRole('button', { name: 'Hand over' }).click();
    await dialogOf(job).getByText('1 attempts left').waitFor();
    await dialogOf(job).getByLabel('Pickup code').fill(code === '000000' ? '000001' : '000000');
    await dialogOf(job).getByRole('button', { name: 'Hand over' }).click();
    await dialogOf(job).getByRole('alert').getByText(/Locked after too many wrong codes/).waitFor();
    expect(await dialogOf(job).getByRole('button', { name: 'Hand over' }).isDisabled()).toBe(true);
  }, 60_000);

  it('short-picks a line: the rest re-routes to another store', async () => {
    await count(admin, 'paris-rivoli', 'CON-MAT', 3);
    await count(admin, 'paris-bastille', 'CON-MAT', 5);
    const order = await pickupOrder([line('CON-MAT', 3)]);
    const page = await open();
    await jobIn(page, 'New', order.orderNumber).getByRole('button', { name: 'Accept' }).click();
    const job = jobIn(page, 'To pick', order.orderNumber);
    await job.getByRole('button', { name: 'Pick' }).click();
    await dialogOf(job).getByLabel('Found CON-MAT (of 3)').fill('1');
    await dialogOf(job).getByText('What was not found goes to another location.').waitFor();
    await dialogOf(job).getByRole('button', { name: 'Pick' }).click();
    await jobIn(page, 'To hand over or ship', order.orderNumber).getByText('(picked 1)').waitFor();
    await orderWhere(order.orderId, (o) =>
      expect(o.allocations.find((a: any) => a.locationId === 'paris-bastille')).toMatchObject({ method: 'ship-to-store', lines: [{ sku: 'CON-MAT', quantity: 2 }] }),
    );
  }, 60_000);

  it('rejects as not found: the store\'s other order holding the SKU re-routes too', async () => {
    await count(admin, 'paris-rivoli', 'CON-LAMP', 2);
    await count(admin, 'paris-bastille', 'CON-LAMP', 5);
    const first = await pickupOrder([line('CON-LAMP', 1)]);
    const second = await pickupOrder([line('CON-LAMP', 1)]);
    const page = await open(undefined, DESKTOP);
    const job = jobIn(page, 'New', first.orderNumber);
    await jobIn(page, 'New', second.orderNumber).waitFor();
    await job.getByRole('button', { name: 'Reject' }).click();
    const reject = dialogOf(job);
    await reject.getByLabel('Reject code').selectOption('not-found');
    await screenshot(page, 'reject-desktop');
    await reject.getByRole('button', { name: 'Reject' }).click();
    await jobIn(page, 'Done today', first.orderNumber).getByText('rejected', { exact: true }).waitFor();
    await jobIn(page, 'Done today', second.orderNumber).getByText('rejected', { exact: true }).waitFor();
    for (const order of [first, second])
      await orderWhere(order.orderId, (o) => expect(o.allocations.some((a: any) => a.locationId === 'paris-bastille' && a.method === 'ship-to-store')).toBe(true));
    expect((await admin.get('/v1/locations/paris-rivoli/stock/CON-LAMP')).body.onHand).toBe(0);
  }, 60_000);

  it('rejects only some lines as damaged: the rest stays in the queue, the damaged quantity is written off', async () => {
    await count(admin, 'paris-rivoli', 'CON-POLE', 4);
    await count(admin, 'paris-rivoli', 'CON-PEG', 4);
    await count(admin, 'paris-bastille', 'CON-POLE', 4);
    const order = await pickupOrder([line('CON-POLE', 2), line('CON-PEG', 1)]);
    const page = await open();
    const job = jobIn(page, 'New', order.orderNumber);
    await job.getByRole('button', { name: 'Reject' }).click();
    await dialogOf(job).getByLabel('Reject code').selectOption('damaged');
    await dialogOf(job).getByLabel('Reject CON-POLE (of 2)').fill('1');
    await dialogOf(job).getByRole('button', { name: 'Reject' }).click();
    await job.getByRole('status').getByText(`Order ${order.orderNumber}: rejected`).waitFor();
    await job.getByText('1 × CON-POLE', { exact: true }).waitFor();
    await job.getByText('1 × CON-PEG', { exact: true }).waitFor();
    await eventually(async () => expect((await admin.get('/v1/locations/paris-rivoli/stock/CON-POLE')).body).toMatchObject({ onHand: 3, reserved: 1 }), 10_000);
  }, 60_000);

  it('ships from the store with carrier and tracking number', async () => {
    await count(admin, 'paris-rivoli', 'CON-BOOT', 2);
    const order = await settled(checkout, (await place(checkout, orderBody([line('CON-BOOT', 1)], { method: 'ship', address: paris }, { customer }))).orderId);
    expect(order.allocations[0]).toMatchObject({ method: 'ship-from-store', locationId: 'paris-rivoli' });
    const page = await open();
    await jobIn(page, 'New', order.orderNumber).getByText('To Paris').waitFor();
    await jobIn(page, 'New', order.orderNumber).getByRole('button', { name: 'Accept' }).click();
    await jobIn(page, 'To pick', order.orderNumber).getByRole('button', { name: 'Pick' }).click();
    await dialogOf(jobIn(page, 'To pick', order.orderNumber)).getByRole('button', { name: 'Pick' }).click();
    const job = jobIn(page, 'To hand over or ship', order.orderNumber);
    await job.getByRole('button', { name: 'Ship' }).click();
    await dialogOf(job).getByLabel('Carrier').fill('colissimo');
    await dialogOf(job).getByLabel('Tracking number').fill('6A0000000042');
    await screenshot(page, 'ship-phone');
    await dialogOf(job).getByRole('button', { name: 'Ship' }).click();
    await jobIn(page, 'Done today', order.orderNumber).getByText('shipped', { exact: true }).waitFor();
    expect((await fulfilment(order.allocations[0].fulfilmentId)).shipment).toMatchObject({ carrier: 'colissimo', trackingNumber: '6A0000000042' });
  }, 60_000);

  it('receives a transfer from another store, then hands it over', async () => {
    await count(admin, 'paris-bastille', 'CON-STOVE', 2);
    const order = await pickupOrder([line('CON-STOVE', 1)]);
    const { fulfilmentId, method } = order.allocations[0];
    expect(method).toBe('ship-to-store');
    const page = await open();
    await jobIn(page, 'Incoming transfers', order.orderNumber).getByText('From paris-bastille').waitFor();
    expect((await bastille.post(`/v1/fulfilments/${fulfilmentId}/ship`, { carrier: 'courier', trackingNumber: 'T-1' })).status).toBe(200);
    // The parcel's shipment reaches the queue through the live feed.
    await jobIn(page, 'Incoming transfers', order.orderNumber).getByRole('button', { name: 'Receive' }).click();
    await jobIn(page, 'To hand over or ship', order.orderNumber).getByRole('button', { name: 'Ready for pickup' }).click();
    const job = jobIn(page, 'To hand over or ship', order.orderNumber);
    await job.getByText('ready for pickup', { exact: true }).waitFor();
    const code = await pickupCodeOf(order.orderId);
    await job.getByRole('button', { name: 'Hand over' }).click();
    await dialogOf(job).getByLabel('Pickup code').fill(code);
    await dialogOf(job).getByRole('button', { name: 'Hand over' }).click();
    await jobIn(page, 'Done today', order.orderNumber).getByText('collected', { exact: true }).waitFor();
  }, 60_000);

  it('shows a new order in the queue without a reload, and never another store\'s job', async () => {
    await count(admin, 'paris-rivoli', 'CON-CUP', 5);
    await count(admin, 'paris-bastille', 'CON-CUP', 5);
    const page = await open();
    await page.getByText('Live', { exact: true }).waitFor();
    const elsewhere = await pickupOrder([line('CON-CUP', 1)], 'paris-bastille');
    const here = await pickupOrder([line('CON-CUP', 1)]);
    await jobIn(page, 'New', here.orderNumber).getByText('1 × CON-CUP').waitFor();
    expect(await jobOf(page, elsewhere.orderNumber).count()).toBe(0);
    expect(await page.getByText(elsewhere.orderNumber).count()).toBe(0);
  }, 60_000);

  it('prints a pick list by SKU, looks up stock here and nearby, and receives a return found by order number', async () => {
    await count(admin, 'paris-rivoli', 'CON-SOCK', 9);
    await count(admin, 'paris-bastille', 'CON-SOCK', 4);
    const a = await pickupOrder([line('CON-SOCK', 2)]);
    const b = await pickupOrder([line('CON-SOCK', 3)]);
    const page = await open(undefined, DESKTOP);
    for (const order of [a, b]) await jobIn(page, 'New', order.orderNumber).getByRole('button', { name: 'Accept' }).click();
    await jobIn(page, 'To pick', b.orderNumber).waitFor();
    await page.getByRole('button', { name: 'Pick list' }).click();
    const row = page.getByRole('row', { name: /CON-SOCK/ });
    await row.getByRole('cell', { name: '5', exact: true }).waitFor();
    await screenshot(page, 'pick-list-desktop');

    await page.getByRole('button', { name: 'Stock' }).click();
    await page.getByLabel('SKU').fill('CON-SOCK');
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByRole('row', { name: /Here \(paris-rivoli\)/ }).getByText(/^4 \(on hand 9, reserved 5\)$/).waitFor();
    await page.getByRole('row', { name: /paris-bastille/ }).getByRole('cell', { name: '4', exact: true }).waitFor();

    // Hand over order a, then take one sock back as damaged.
    const rivoli = gatewayClient(system.baseUrl, 'demo-store-paris-rivoli');
    const { fulfilmentId } = a.allocations[0];
    await rivoli.post(`/v1/fulfilments/${fulfilmentId}/pick`, { lines: [{ sku: 'CON-SOCK', quantity: 2 }] });
    await rivoli.post(`/v1/fulfilments/${fulfilmentId}/ready`);
    await rivoli.post(`/v1/fulfilments/${fulfilmentId}/collect`, { pickupCode: await pickupCodeOf(a.orderId) });
    await orderWhere(a.orderId, (o) => expect(o.lines[0].fulfilled).toBe(2));
    await page.getByRole('button', { name: 'Returns' }).click();
    await page.getByLabel('Search orders').fill(a.orderNumber);
    await page.getByRole('button', { name: 'Search' }).click();
    const found = jobOf(page, a.orderNumber);
    await found.getByLabel('Returned CON-SOCK').fill('1');
    await found.getByLabel('Condition of CON-SOCK').selectOption('damaged');
    await found.getByRole('button', { name: 'Receive' }).click();
    await found.getByRole('status').getByText(/Return .* received/).waitFor();
    await orderWhere(a.orderId, (o) => expect(o.lines[0].returned).toBe(1));
  }, 60_000);
});
