import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { basic } from '../../support/basic-auth';
import { ensureBuilt, spawnGateway, type GatewayProcess } from './gateway-process';

/** Debian's chromium (scripts/test.sh installs it); Playwright never downloads a browser here. */
const CHROMIUM = '/usr/bin/chromium';
/** Headless and quiet: no sandbox (root), and no calls home, which a closed network would refuse. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('Swagger UI of a demo-mode gateway, in a real browser', () => {
  let gateway: GatewayProcess;
  let workDir: string;
  let browser: BrowserContext;
  let page: Page;
  let sampleIds: string[];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (scripts/test.sh does)`);
    await ensureBuilt();
    gateway = await spawnGateway();
    const listing = await fetch(`${gateway.baseUrl}/messages?limit=1000`, { headers: { Authorization: basic('demo', 'demo') } });
    sampleIds = ((await listing.json()) as { items: { id: string }[] }).items.map((item) => item.id);
    workDir = await mkdtemp(path.join(tmpdir(), 'popgate-swagger-'));
    browser = await chromium.launchPersistentContext(path.join(workDir, 'profile'), {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1280, height: 1600 },
    });
    page = browser.pages()[0] ?? (await browser.newPage());
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('authorizes with demo/demo, runs GET /messages with "Try it out", and shows the sample ids', async () => {
    expect(sampleIds.length).toBeGreaterThan(0);
    await page.goto(`${gateway.baseUrl}/docs/`);
    await page.getByText('Demo mode: a bundled POP3 server with sample messages').waitFor();

    await page.locator('.auth-wrapper button.authorize').click();
    const basicScheme = page.locator('.modal-ux .auth-container').filter({ has: page.locator('h4', { hasText: /^basic/ }) });
    await basicScheme.locator('input[type="text"]').fill('demo');
    await basicScheme.locator('input[type="password"]').fill('demo');
    await basicScheme.locator('button.authorize').click();
    await basicScheme.getByText('Authorized').waitFor();
    await page.locator('.modal-ux button.btn-done').first().click();

    const operation = page.locator('#operations-Messages-ListMessages');
    await operation.locator('.opblock-summary').first().click();
    const tryItOut = operation.locator('button.try-out__btn');
    if ((await tryItOut.textContent())?.trim() === 'Try it out') await tryItOut.click();
    await operation.locator('button.execute').click();

    const responseBody = operation.locator('.live-responses-table .response-col_description pre').first();
    await responseBody.waitFor();
    const shown = (await responseBody.textContent()) ?? '';
    for (const id of sampleIds) expect(shown).toContain(`"id": "${id}"`);
    await expect(operation.locator('.live-responses-table .response .response-col_status').first().textContent()).resolves.toContain('200');

    // The picture a person would see: the request's result in view. POPGATE_SCREENSHOT keeps a copy.
    await responseBody.scrollIntoViewIfNeeded();
    const screenshot = process.env.POPGATE_SCREENSHOT ?? path.join(workDir, 'swagger-ui-messages.png');
    await page.screenshot({ path: screenshot });
    expect((await stat(screenshot)).size).toBeGreaterThan(10_000);
  });
});
