import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { TestSystem } from '@oms/testing';

/** Debian's chromium (`.ci/run` installs it when missing); playwright-core downloads no browser of its own. */
export const CHROMIUM = process.env.OMS_CHROMIUM ?? '/usr/bin/chromium';

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });

/** A phone held upright, the narrowest screen the console is made for. */
export const PHONE = { width: 360, height: 780 };
export const DESKTOP = { width: 1280, height: 900 };

/** Signs in at /console with the key, as a person would, and waits for the role's view (the store's queue unless told). */
export const signIn = async (browser: Browser, baseUrl: string, key: string, viewport = PHONE, ready = (page: Page): Locator => page.getByRole('heading', { name: 'New' })): Promise<Page> => {
  const page = await browser.newPage({ viewport });
  await page.goto(`${baseUrl}/console/`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await ready(page).waitFor();
  return page;
};

/** A job or order of a list, found by the order number its text holds. */
export const jobOf = (page: Page, orderNumber: string): Locator => page.getByRole('article', { name: `Order ${orderNumber}`, exact: true });

/** The job as it stands in one section of the queue. */
export const jobIn = (page: Page, section: string, orderNumber: string): Locator =>
  page.getByRole('region', { name: new RegExp(`^${section}`) }).getByRole('article', { name: `Order ${orderNumber}`, exact: true });

export const dialogOf = (job: Locator): Locator => job.getByRole('dialog');

/** Screenshots for the README, taken only when asked for (OMS_CONSOLE_SCREENSHOTS=docs/console). */
export const screenshot = async (page: Page, name: string): Promise<void> => {
  const folder = process.env.OMS_CONSOLE_SCREENSHOTS;
  if (folder) await page.screenshot({ path: `${folder}/${name}.png`, fullPage: true });
};

/**
 * One browser suite: the whole system and Chromium started before the tests
 * (after `setUp`, e.g. seeding locations), every page a test opened closed
 * after it, both stopped at the end.
 */
export const consoleSuite = (system: TestSystem, setUp: () => Promise<void> = async () => undefined) => {
  let browser: Browser | undefined;
  const pages: Page[] = [];
  beforeAll(async () => {
    await system.start();
    await setUp();
    browser = await launchBrowser();
  }, 120_000);
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
  });
  afterAll(async () => {
    await browser?.close();
    await system.stop();
  });
  const kept = (page: Page) => (pages.push(page), page);
  return {
    /** Signs in as `signIn` does; the page is closed after the test. */
    signIn: async (key: string, viewport?: { width: number; height: number }, ready?: (page: Page) => Locator) =>
      kept(await signIn(browser!, system.baseUrl, key, viewport, ready)),
    /** A blank page, closed after the test. */
    newPage: async () => kept(await browser!.newPage()),
  };
};
