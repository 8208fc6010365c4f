import { eventually, TestSystem } from '@oms/testing';
import type { Page } from 'playwright-core';
import { consoleSuite, DESKTOP, screenshot } from './console-support';
import { clients, count, seedLocations, stockOf, type Client } from './order-support';

/**
 * The admin's console in a real browser against the whole system: locations
 * edited, paused and resumed; stock counts uploaded as CSV, row by row.
 */
describe('Operations console, admin views (browser, end to end)', () => {
  const system = new TestSystem({ LOG_LEVEL: 'warn' });
  let admin: Client;
  const browser = consoleSuite(system, async () => {
    ({ admin } = clients(system));
    await seedLocations(admin);
  });

  const open = async (tab: 'Locations' | 'Stock upload') => {
    const page = await browser.signIn('demo-admin', DESKTOP, (p) => p.getByRole('navigation', { name: 'Admin views' }));
    await page.getByRole('button', { name: tab }).click();
    return page;
  };
  const upload = async (page: Page, name: string, text: string) => {
    await page.getByLabel('Stock counts (CSV)').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    return page.getByRole('status').filter({ hasText: /^Done:/ });
  };

  it('pauses a location and resumes it', async () => {
    const page = await open('Locations');
    const opera = page.getByRole('listitem', { name: 'Location paris-opera' });
    await opera.getByRole('button', { name: 'Pause' }).click();
    await opera.getByRole('status').getByText('paris-opera paused').waitFor();
    await opera.getByText('Paused', { exact: true }).waitFor();
    expect((await admin.get('/v1/locations/paris-opera')).body.active).toBe(false);
    await screenshot(page, 'admin-locations');
    await opera.getByRole('button', { name: 'Resume' }).click();
    await opera.getByRole('status').getByText('paris-opera resumed').waitFor();
    expect((await admin.get('/v1/locations/paris-opera')).body.active).toBe(true);
  }, 60_000);

  it('edits a location: each wrong field shows its problem, the corrected form is saved with its promise fields', async () => {
    const page = await open('Locations');
    const rivoli = page.getByRole('listitem', { name: 'Location paris-rivoli' });
    await rivoli.getByRole('button', { name: 'Edit' }).click();
    const form = rivoli.getByRole('dialog', { name: 'Edit paris-rivoli' });
    await form.getByLabel('Latitude').fill('95');
    await form.getByLabel('Dispatch cut-off').fill('25:99');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('alert').filter({ hasText: /^Latitude: / }).waitFor();
    expect((await admin.get('/v1/locations/paris-rivoli')).body.geo.lat).toBe(48.8606);
    // The shape is checked before the promise rules: the cut-off is named once the latitude is right.
    await form.getByLabel('Latitude').fill('48.8607');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('alert').filter({ hasText: /^Dispatch cut-off: must be a local time HH:MM/ }).waitFor();
    expect(await form.getByRole('alert').filter({ hasText: /^Latitude: / }).count()).toBe(0);
    await screenshot(page, 'admin-location-problems');

    await form.getByLabel('Dispatch cut-off').fill('15:00');
    await form.getByLabel('Time zone').fill('Europe/Paris');
    await form.getByLabel('Pickup lead minutes').fill('90');
    await form.getByLabel('Opening hours sat').fill('10:00-13:00, 14:00-19:00');
    await form.getByLabel('Capacity per day').fill('300');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });
    await rivoli.getByText('Cut-off 15:00').waitFor();
    expect((await admin.get('/v1/locations/paris-rivoli')).body).toMatchObject({
      geo: { lat: 48.8607 },
      capacityPerDay: 300,
      timezone: 'Europe/Paris',
      dispatchCutoff: '15:00',
      pickupLeadMinutes: 90,
      openingHours: { sat: [['10:00', '13:00'], ['14:00', '19:00']], mon: [] },
      active: true,
    });
  }, 60_000);

  it('uploads stock counts: bad rows are listed with their line and problem, good ones applied; the same file again applies nothing twice', async () => {
    await count(admin, 'lyon-dc', 'ADM-MAT', 1);
    const csv = ['locationId,sku,onHand,safetyStock', 'paris-rivoli,ADM-TENT,5', 'paris-rivoli,ADM-MAT,7,2', 'paris-rivoli,ADM-LAMP,lots', 'nowhere,ADM-TENT,3', 'lyon-dc,ADM-MAT,40', ''].join('\n');
    const page = await open('Stock upload');
    const summary = await upload(page, 'counts.csv', csv);
    await summary.getByText('Done: 3 applied, 2 failed of 5 rows').waitFor();
    const failed = page.getByRole('table', { name: 'Failed rows' });
    await failed.getByRole('row', { name: /^4 onHand "lots" is not a whole number/ }).waitFor();
    const unknown = (await admin.put('/v1/locations/nowhere/stock/ADM-TENT', { onHand: 3 })).body.detail;
    await failed.getByRole('row', { name: `5 ${unknown}` }).waitFor();
    expect(await failed.getByRole('row').count()).toBe(3);
    await screenshot(page, 'admin-stock-upload');
    expect(await stockOf(admin, 'paris-rivoli', 'ADM-TENT')).toMatchObject({ onHand: 5 });
    expect(await stockOf(admin, 'paris-rivoli', 'ADM-MAT')).toMatchObject({ onHand: 7, safetyStock: 2 });
    expect(await stockOf(admin, 'lyon-dc', 'ADM-MAT')).toMatchObject({ onHand: 40 });
    expect(await stockOf(admin, 'paris-rivoli', 'ADM-LAMP')).toMatchObject({ onHand: 0 });

    // Two tents sold or broken since the count: uploading the same file again must not count them back.
    expect((await admin.post('/v1/locations/paris-rivoli/stock/ADM-TENT/adjustments', { delta: -2, reason: 'damaged', adjustmentId: 'adm-1' })).status).toBe(200);
    await page.reload();
    await page.getByRole('button', { name: 'Stock upload' }).click();
    await (await upload(page, 'counts-again.csv', csv)).getByText('Done: 3 applied, 2 failed of 5 rows').waitFor();
    expect(await stockOf(admin, 'paris-rivoli', 'ADM-TENT')).toMatchObject({ onHand: 3 });
  }, 60_000);

  it('uploads 10,000 counts with progress on the way, every one applied', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => `${i % 2 ? 'paris-rivoli' : 'lyon-dc'},BULK-${Math.floor(i / 2)},${i % 97}`);
    const page = await open('Stock upload');
    await page.getByLabel('Stock counts (CSV)').setInputFiles({ name: 'bulk.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    // Part-way, the bar says how far it is: the page keeps painting while the rows go out.
    await eventually(async () => {
      const text = await page.getByRole('progressbar', { name: 'Rows done' }).getAttribute('aria-valuetext');
      const [done, total] = (text ?? '').split(' of ').map(Number);
      expect(total).toBe(10_000);
      expect(done).toBeGreaterThan(0);
      expect(done).toBeLessThan(10_000);
    }, 60_000, 50);
    const summary = page.getByRole('status').filter({ hasText: /^Done:/ });
    await summary.waitFor({ timeout: 600_000 });
    const text = (await summary.textContent()) ?? '';
    expect(text).toMatch(/^Done: 10000 applied, 0 failed of 10000 rows in [\d.]+ s$/);
    process.stdout.write(`10,000 stock counts uploaded from the browser: ${text}\n`);
    expect(await stockOf(admin, 'paris-rivoli', 'BULK-4999')).toMatchObject({ onHand: 9999 % 97 });
    expect(await stockOf(admin, 'lyon-dc', 'BULK-0')).toMatchObject({ onHand: 0 });
  }, 660_000);
});
