import { eventually, gatewayClient, TestSystem } from '@oms/testing';
import type { Page } from 'playwright-core';
import { consoleSuite, DESKTOP, PHONE, screenshot } from './console-support';
import { clients, count, line, orderBody, orderWhere, paris, place, seedLocations, settled, stockOf, type Client } from './order-support';

/**
 * The service desk's console (checkout and admin keys) in a real browser against
 * the whole system: controls found by role and accessible name, effects checked through the API.
 */
describe('Operations console, service desk view (browser, end to end)', () => {
  const system = new TestSystem({ LOG_LEVEL: 'warn' });
  let admin: Client;
  let checkout: Client;
  let rivoli: Client;
  let logistics: Client;
  const browser = consoleSuite(system, async () => {
    ({ admin, checkout } = clients(system));
    rivoli = gatewayClient(system.baseUrl, 'demo-store-paris-rivoli');
    logistics = gatewayClient(system.baseUrl, 'demo-logistics');
    await seedLocations(admin);
  });
  const stamp = `${process.pid}-${Date.now()}`;

  const open = async (key = 'demo-checkout', viewport = PHONE) => {
    return browser.signIn(key, viewport, (p) => p.getByRole('heading', { name: 'Service desk' }));
  };
  const search = async (page: Page, text: string) => {
    await page.getByLabel('Search orders').fill(text);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
  };
  const result = (page: Page, orderNumber: string) => page.getByRole('listitem', { name: `Order ${orderNumber}`, exact: true });
  /** Finds the order by its number and opens its page, as a person at the desk would. */
  const openOrder = async (page: Page, orderNumber: string) => {
    await search(page, orderNumber);
    await result(page, orderNumber).click();
    await page.getByRole('heading', { name: `Order ${orderNumber}`, exact: true }).waitFor();
    return page.getByRole('region', { name: `Order ${orderNumber}`, exact: true });
  };
  const pickupCodeOf = async (orderId: string) =>
    (await orderWhere(checkout, orderId, (o) => expect(o.allocations.find((a: any) => a.pickupCode)).toBeDefined())).allocations.find((a: any) => a.pickupCode)
      .pickupCode as string;

  it('finds a customer\'s orders by e-mail in any case and one order by its number, and says when nothing matches', async () => {
    const customer = { id: `c-desk-${stamp}`, email: `zoe.${stamp}@example.com`, name: 'Zoé Durand' };
    await count(admin, 'paris-rivoli', 'DESK-MUG', 10);
    const first = await settled(checkout, (await place(checkout, orderBody([line('DESK-MUG', 2)], undefined, { customer }))).orderId);
    const second = await settled(checkout, (await place(checkout, orderBody([line('DESK-MUG', 1)], undefined, { customer, channel: 'app' }))).orderId);
    const page = await open();

    await search(page, customer.email.toUpperCase());
    const found = page.getByRole('list', { name: 'Orders found' }).getByRole('listitem');
    await result(page, second.orderNumber).waitFor();
    expect(await found.count()).toBe(2);
    // Newest first.
    expect(await found.first().getAttribute('aria-label')).toBe(`Order ${second.orderNumber}`);
    const older = result(page, first.orderNumber);
    await older.getByText(`Zoé Durand / ${customer.email}`).waitFor();
    await older.getByText(first.status.replaceAll('_', ' '), { exact: true }).waitFor();
    await older.getByText('web', { exact: true }).waitFor();
    await older.getByText(/20\.00/).waitFor();
    await result(page, second.orderNumber).getByText('app', { exact: true }).waitFor();
    await screenshot(page, 'desk-search-phone');

    await search(page, second.orderNumber);
    await eventually(async () => expect(await found.count()).toBe(1), 10_000);
    await result(page, second.orderNumber).waitFor();
    await result(page, second.orderNumber).click();
    const order = page.getByRole('region', { name: `Order ${second.orderNumber}`, exact: true });
    await order.getByText(`Zoé Durand · ${customer.email}`).waitFor();
    await order.getByRole('table', { name: 'Lines' }).getByRole('rowheader', { name: 'DESK-MUG', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Back to search' }).click();
    await search(page, `nobody-${stamp}@example.com`);
    await page.getByText('No order found.').waitFor();
  }, 60_000);

  it('tells the order\'s history in words, each routing decision as a table of every candidate and why it was taken or not', async () => {
    await count(admin, 'paris-rivoli', 'DESK-TENT', 5);
    await count(admin, 'lyon-dc', 'DESK-TENT', 5);
    const order = await settled(checkout, (await place(checkout, orderBody([line('DESK-TENT', 1)], { method: 'ship', address: paris }))).orderId);
    const taken = order.allocations[0].locationId as string;
    const page = await open('demo-checkout', DESKTOP);
    const shown = await openOrder(page, order.orderNumber);

    const history = shown.getByRole('region', { name: 'History' });
    await history.getByText('Order placed on web: 1 × DESK-TENT').waitFor();
    await history.getByText('by checkout', { exact: true }).waitFor();
    const routing = history.getByRole('table', { name: /^Routing decided \(attempt 1\)/ });
    for (const header of ['Location', 'Decision', 'Why', 'Distance', 'Takes']) await routing.getByRole('columnheader', { name: header }).waitFor();
    const rowOf = (locationId: string) => routing.getByRole('row').filter({ has: page.getByRole('rowheader', { name: locationId, exact: true }) });
    await rowOf(taken).getByRole('cell', { name: 'Taken', exact: true }).waitFor();
    await rowOf(taken).getByText(/1 × DESK-TENT/).waitFor();
    await rowOf('paris-opera').getByRole('cell', { name: 'Excluded', exact: true }).waitFor();
    await rowOf('paris-opera').getByText('not enough stock').waitFor();
    // Every candidate the order service weighed has its row.
    const decided = (await checkout.get(`/v1/orders/${order.orderId}/history`)).body.items.find((e: any) => e.type === 'OrderRoutingDecided');
    expect(await routing.locator('tbody').getByRole('row').count()).toBe(decided.data.decision.candidates.length);
    await history.getByText(new RegExp(`^1 × DESK-TENT from ${taken}`)).waitFor();
    await screenshot(page, 'desk-order');
  }, 60_000);

  it('cancels one line\'s quantity: the page shows it and the reserved stock is released', async () => {
    await count(admin, 'paris-rivoli', 'DESK-LAMP', 5);
    await count(admin, 'paris-rivoli', 'DESK-BULB', 5);
    const order = await settled(checkout, (await place(checkout, orderBody([line('DESK-LAMP', 3), line('DESK-BULB', 1)]))).orderId);
    expect(await stockOf(admin, 'paris-rivoli', 'DESK-LAMP')).toMatchObject({ reserved: 3 });
    const page = await open();
    const shown = await openOrder(page, order.orderNumber);

    await shown.getByRole('button', { name: 'Cancel order' }).click();
    const dialog = shown.getByRole('dialog', { name: `Cancel order ${order.orderNumber}` });
    await dialog.getByLabel('Reason').fill('customer wants two');
    await dialog.getByLabel('Some lines').check();
    await dialog.getByLabel('Cancel DESK-LAMP (of 3)').fill('1');
    await screenshot(page, 'desk-cancel-phone');
    await dialog.getByRole('button', { name: 'Cancel order' }).click();
    await shown.getByRole('status').getByText('Cancelled 1 × DESK-LAMP').waitFor();
    const lamp = shown.getByRole('table', { name: 'Lines' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'DESK-LAMP', exact: true }) });
    // Cells after the SKU: unit price, ordered, allocated, fulfilled, cancelled, returned.
    await lamp.getByRole('cell').nth(4).filter({ hasText: /^1$/ }).waitFor();
    await shown.getByRole('region', { name: 'History' }).getByText('Lines cancelled: 1 × DESK-LAMP').waitFor();

    await eventually(async () => expect(await stockOf(admin, 'paris-rivoli', 'DESK-LAMP')).toMatchObject({ onHand: 5, reserved: 2, available: 3 }), 10_000);
    const after = await orderWhere(checkout, order.orderId, (o) => expect(o.lines.find((l: any) => l.sku === 'DESK-LAMP').cancelled).toBe(1));
    expect(after.lines.find((l: any) => l.sku === 'DESK-BULB')).toMatchObject({ quantity: 1, cancelled: 0 });
  }, 60_000);

  it('cancels everything still open: the order is cancelled, the stock free again and nothing is left to cancel', async () => {
    await count(admin, 'paris-rivoli', 'DESK-FORK', 2);
    const order = await settled(checkout, (await place(checkout, orderBody([line('DESK-FORK', 2)]))).orderId);
    const page = await open();
    const shown = await openOrder(page, order.orderNumber);
    await shown.getByRole('button', { name: 'Cancel order' }).click();
    const dialog = shown.getByRole('dialog', { name: `Cancel order ${order.orderNumber}` });
    expect(await dialog.getByLabel('Everything still open').isChecked()).toBe(true);
    await dialog.getByLabel('Reason').fill('ordered twice');
    await dialog.getByRole('button', { name: 'Cancel order' }).click();
    await shown.getByRole('status').getByText('Order cancelled').waitFor();
    await shown.getByText('cancelled', { exact: true }).first().waitFor();
    expect(await shown.getByRole('button', { name: 'Cancel order' }).count()).toBe(0);
    expect((await checkout.get(`/v1/orders/${order.orderId}`)).body).toMatchObject({ status: 'cancelled', lines: [{ sku: 'DESK-FORK', cancelled: 2 }] });
    await eventually(async () => expect(await stockOf(admin, 'paris-rivoli', 'DESK-FORK')).toMatchObject({ reserved: 0, available: 2 }), 10_000);
  }, 60_000);

  it('shows the problem\'s detail where the action failed: cancelling an order someone else cancelled meanwhile', async () => {
    await count(admin, 'paris-rivoli', 'DESK-KNIFE', 2);
    const order = await settled(checkout, (await place(checkout, orderBody([line('DESK-KNIFE', 1)]))).orderId);
    const page = await open();
    const shown = await openOrder(page, order.orderNumber);
    expect((await checkout.post(`/v1/orders/${order.orderId}/cancel`, { reason: 'cancelled by phone' })).status).toBe(200);
    const refused = await checkout.post(`/v1/orders/${order.orderId}/cancel`, { reason: 'again' });
    expect(refused.status).toBe(409);

    await shown.getByRole('button', { name: 'Cancel order' }).click();
    const dialog = shown.getByRole('dialog', { name: `Cancel order ${order.orderNumber}` });
    await dialog.getByLabel('Reason').fill('customer asked');
    await dialog.getByRole('button', { name: 'Cancel order' }).click();
    await shown.getByRole('alert').getByText(refused.body.detail, { exact: true }).waitFor();
    // The form stays open to retry or close.
    expect(await dialog.getByRole('button', { name: 'Cancel order' }).isEnabled()).toBe(true);
  }, 60_000);

  it('opens a return in a store for goods a warehouse shipped, and an admin sees the shipment\'s tracking number', async () => {
    await count(admin, 'lyon-dc', 'DESK-BOOT', 5);
    const order = await settled(checkout, (await place(checkout, orderBody([line('DESK-BOOT', 1)]))).orderId);
    const { fulfilmentId, locationId } = order.allocations[0];
    expect(locationId).toBe('lyon-dc');
    expect((await logistics.post(`/v1/fulfilments/${fulfilmentId}/ship`, { carrier: 'colissimo', trackingNumber: `6A${stamp}` })).status).toBe(200);
    expect((await logistics.post(`/v1/fulfilments/${fulfilmentId}/deliver`)).status).toBe(200);
    await orderWhere(checkout, order.orderId, (o) => expect(o.lines[0].fulfilled).toBe(1));

    const page = await open('demo-admin', DESKTOP);
    const shown = await openOrder(page, order.orderNumber);
    await shown.getByText(`Shipped with colissimo, tracking number 6A${stamp}`, { exact: false }).waitFor();
    await shown.getByRole('button', { name: 'Open return' }).click();
    const dialog = shown.getByRole('dialog', { name: `Open a return for order ${order.orderNumber}` });
    await dialog.getByLabel('Return DESK-BOOT (up to 1)').fill('1');
    await dialog.getByLabel('Return method').selectOption('in-store');
    await dialog.getByLabel('Return to').selectOption('paris-opera');
    await dialog.getByRole('button', { name: 'Open return' }).click();
    const opened = shown.getByRole('status').filter({ hasText: /^Return \S+ opened/ });
    await opened.waitFor();
    const returnId = /^Return (\S+) opened/.exec((await opened.textContent()) ?? '')![1];

    const { status, body } = await checkout.get(`/v1/returns/${returnId}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ orderId: order.orderId, method: 'in-store', locationId: 'paris-opera', status: 'requested', lines: [{ sku: 'DESK-BOOT', quantity: 1 }] });
  }, 60_000);

  it('draws a new pickup code: the page shows it and the old one no longer works', async () => {
    await count(admin, 'paris-rivoli', 'DESK-CUP', 3);
    const order = await settled(checkout, (await place(checkout, orderBody([line('DESK-CUP', 1)], { method: 'pickup', locationId: 'paris-rivoli' }))).orderId);
    const { fulfilmentId } = order.allocations[0];
    for (const [action, body] of [['accept', {}], ['pick', { lines: [{ sku: 'DESK-CUP', quantity: 1 }] }], ['ready', {}]] as const)
      expect((await rivoli.post(`/v1/fulfilments/${fulfilmentId}/${action}`, body)).status).toBe(200);
    const old = await pickupCodeOf(order.orderId);

    const page = await open();
    const shown = await openOrder(page, order.orderNumber);
    const pickup = shown.getByRole('listitem', { name: 'Allocation at paris-rivoli' });
    expect(await pickup.getByLabel('Pickup code').inputValue()).toBe(old);
    await pickup.getByRole('button', { name: 'New pickup code' }).click();
    await pickup.getByRole('status').getByText(/New pickup code drawn/).waitFor();
    const drawn = await eventually(async () => {
      const code = await pickup.getByLabel('Pickup code').inputValue();
      expect(code).not.toBe(old);
      return code;
    }, 10_000);
    await screenshot(page, 'desk-pickup-code-phone');

    expect(await pickupCodeOf(order.orderId)).toBe(drawn);
    expect((await rivoli.post(`/v1/fulfilments/${fulfilmentId}/collect`, { pickupCode: old })).status).toBe(422);
    expect((await rivoli.post(`/v1/fulfilments/${fulfilmentId}/collect`, { pickupCode: drawn })).status).toBe(200);
  }, 60_000);

  it('shows the order as it stood at a chosen time, read-only, and says why a time in the future cannot be shown', async () => {
    await count(admin, 'paris-rivoli', 'DESK-PAN', 3);
    const order = await settled(checkout, (await place(checkout, orderBody([line('DESK-PAN', 1)]))).orderId);
    const allocated = (await checkout.get(`/v1/orders/${order.orderId}/history`)).body.items.find((e: any) => e.type === 'LinesAllocated');
    // The picker has whole seconds: the next one after the allocation, and the cancellation only once it has passed.
    const asOf = Math.ceil((Date.parse(allocated.at) + 1) / 1000) * 1000;
    await eventually(async () => expect(Date.now()).toBeGreaterThan(asOf), 5_000, 50);
    expect((await checkout.post(`/v1/orders/${order.orderId}/cancel`, { reason: 'changed their mind' })).status).toBe(200);

    const page = await open();
    const shown = await openOrder(page, order.orderNumber);
    await shown.getByText('cancelled', { exact: true }).first().waitFor();
    const local = (ms: number) =>
      page.evaluate((at) => {
        const d = new Date(at);
        const two = (n: number) => String(n).padStart(2, '0');
        return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
      }, ms);
    await shown.getByLabel('Show as of').fill(await local(asOf));
    await shown.getByRole('button', { name: 'Show', exact: true }).click();
    await shown.getByText(/^as of /).waitFor();
    await shown.getByText(order.status.replaceAll('_', ' '), { exact: true }).first().waitFor();
    expect(await shown.getByRole('button', { name: 'Cancel order' }).count()).toBe(0);
    expect(await shown.getByRole('region', { name: 'History' }).getByText(/^Order cancelled/).count()).toBe(0);
    await shown.getByRole('region', { name: 'History' }).getByText('Lines allocated').waitFor();

    await shown.getByLabel('Show as of').fill(await local(Date.now() + 86_400_000));
    await shown.getByRole('button', { name: 'Show', exact: true }).click();
    await shown.getByRole('alert').getByText(/must not be in the future/).waitFor();
    await shown.getByRole('button', { name: 'Back to now' }).click();
    await shown.getByRole('button', { name: 'Refresh' }).waitFor();
    expect(await shown.getByRole('button', { name: 'Cancel order' }).count()).toBe(0);
    await shown.getByRole('region', { name: 'History' }).getByText(/^Order cancelled/).waitFor();
  }, 60_000);
});
