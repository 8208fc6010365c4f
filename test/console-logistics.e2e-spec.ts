import { gatewayClient, TestSystem } from '@oms/testing';
import { consoleSuite, DESKTOP, dialogOf, jobOf, screenshot } from './console-support';
import { clients, count, line, orderBody, paris, place, seedLocations, settled, type Client } from './order-support';

/** A time zone where it is about noon now, so that a day's opening that ended at 00:01 is long past whatever the hour of the run. */
const zoneAtNoon = (): string => {
  const offset = 12 - new Date().getUTCHours();
  return offset === 0 ? 'UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
};

/**
 * The logistics console in a real browser against the whole system: parcels
 * found by status, type and location, shipped and delivered, the late first.
 */
describe('Operations console, logistics view (browser, end to end)', () => {
  const system = new TestSystem({ LOG_LEVEL: 'warn' });
  let admin: Client;
  let checkout: Client;
  const customer = { id: 'c-77', email: 'noe@example.com', name: 'Noé Petit' };

  const open = async () => {
    return browser.signIn('demo-logistics', DESKTOP, (p) => p.getByRole('heading', { name: /^Fulfilments/ }));
  };
  const shipOrder = async (sku: string) => settled(checkout, (await place(checkout, orderBody([line(sku, 1)], { method: 'ship', address: paris }, { customer }))).orderId);
  const fulfilment = async (fulfilmentId: string) => (await admin.get(`/v1/fulfilments/${fulfilmentId}`)).body;

  const browser = consoleSuite(system, async () => {
    ({ admin, checkout } = clients(system));
    await seedLocations(admin);
    // Open every day until 00:01 and without a cut-off: a parcel ordered later that day is due at that closing, already past.
    const hours = { mon: [['00:00', '00:01']], tue: [['00:00', '00:01']], wed: [['00:00', '00:01']], thu: [['00:00', '00:01']], fri: [['00:00', '00:01']], sat: [['00:00', '00:01']], sun: [['00:00', '00:01']] };
    const lateDc = { name: 'Marseille DC', type: 'warehouse', geo: { lat: 43.2965, lon: 5.3698 }, capabilities: { pickup: false, shipFromStore: false, ship: true }, capacityPerDay: 10_000, active: true, timezone: zoneAtNoon(), openingHours: hours };
    expect((await admin.put('/v1/locations/marseille-dc', lateDc)).status).toBe(200);
  });

  it('finds a warehouse parcel by type and location, ships it with carrier and tracking number, then delivers it', async () => {
    await count(admin, 'lyon-dc', 'LOG-TENT', 5);
    const order = await shipOrder('LOG-TENT');
    const [{ fulfilmentId, method, locationId }] = order.allocations;
    expect({ method, locationId }).toEqual({ method: 'warehouse', locationId: 'lyon-dc' });

    const page = await open();
    await page.getByLabel('Type').selectOption('warehouse');
    await page.getByLabel('Location').selectOption('lyon-dc');
    await page.getByLabel('Status').selectOption('released');
    const job = jobOf(page, order.orderNumber);
    await job.getByText('Noé Petit').waitFor();
    await job.getByText('1 × LOG-TENT').waitFor();
    await job.getByText('1 rue de Rivoli, 75001 Paris FR').waitFor();
    await job.getByText('From lyon-dc').waitFor();
    await job.getByText(/^Due /).waitFor();
    await screenshot(page, 'logistics');
    expect(await job.getByRole('button', { name: 'Deliver' }).count()).toBe(0);

    await job.getByRole('button', { name: 'Ship' }).click();
    await dialogOf(job).getByLabel('Carrier').fill('geodis');
    await dialogOf(job).getByLabel('Tracking number').fill('GD-0042');
    await dialogOf(job).getByRole('button', { name: 'Ship' }).click();
    // Shipped, it leaves the list of released parcels, and is found among the shipped ones.
    await job.waitFor({ state: 'detached' });
    await page.getByLabel('Status').selectOption('shipped');
    await jobOf(page, order.orderNumber).getByText('geodis GD-0042').waitFor();
    await jobOf(page, order.orderNumber).getByRole('button', { name: 'Deliver' }).click();
    await jobOf(page, order.orderNumber).waitFor({ state: 'detached' });
    await page.getByLabel('Status').selectOption('delivered');
    await jobOf(page, order.orderNumber).getByText('delivered', { exact: true }).waitFor();

    const shipped = await fulfilment(fulfilmentId);
    expect(shipped).toMatchObject({ status: 'delivered', shipment: { carrier: 'geodis', trackingNumber: 'GD-0042', shippedAt: expect.any(String), deliveredAt: expect.any(String) } });
  }, 60_000);

  it('shows the problem where a shipment failed: the parcel left meanwhile under another tracking number', async () => {
    await count(admin, 'lyon-dc', 'LOG-MAT', 5);
    const order = await shipOrder('LOG-MAT');
    const { fulfilmentId } = order.allocations[0];
    const page = await open();
    await page.getByLabel('Status').selectOption('released');
    const job = jobOf(page, order.orderNumber);
    await job.getByRole('button', { name: 'Ship' }).click();
    const logistics = gatewayClient(system.baseUrl, 'demo-logistics');
    expect((await logistics.post(`/v1/fulfilments/${fulfilmentId}/ship`, { carrier: 'dhl', trackingNumber: 'D-1' })).status).toBe(200);
    await dialogOf(job).getByLabel('Carrier').fill('dhl');
    await dialogOf(job).getByLabel('Tracking number').fill('D-2');
    await dialogOf(job).getByRole('button', { name: 'Ship' }).click();
    const refused = await logistics.post(`/v1/fulfilments/${fulfilmentId}/ship`, { carrier: 'dhl', trackingNumber: 'D-2' });
    expect(refused.status).toBe(409);
    await dialogOf(job).getByRole('alert').getByText(refused.body.detail).waitFor();
    expect((await fulfilment(fulfilmentId)).shipment).toMatchObject({ trackingNumber: 'D-1' });
  }, 60_000);

  it('lists the late work first', async () => {
    await count(admin, 'lyon-dc', 'LOG-STOVE', 5);
    await count(admin, 'marseille-dc', 'LOG-LAMP', 5);
    const onTime = await shipOrder('LOG-STOVE');
    const late = await shipOrder('LOG-LAMP');
    expect(late.allocations[0].locationId).toBe('marseille-dc');
    expect(await fulfilment(late.allocations[0].fulfilmentId)).toMatchObject({ status: 'released', late: true });
    expect(await fulfilment(onTime.allocations[0].fulfilmentId)).toMatchObject({ status: 'released', late: false });

    const page = await open();
    await page.getByLabel('Status').selectOption('released');
    await jobOf(page, onTime.orderNumber).waitFor();
    await jobOf(page, late.orderNumber).getByText('Late', { exact: true }).waitFor();
    expect(await jobOf(page, onTime.orderNumber).getByText('Late', { exact: true }).count()).toBe(0);
    const first = page.getByRole('article').first();
    expect(await first.getAttribute('aria-label')).toBe(`Order ${late.orderNumber}`);
    await screenshot(page, 'logistics-late-first');
  }, 60_000);
});
