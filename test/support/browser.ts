import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';

// What the callbacks of page.evaluate() use: they run in the browser (this project compiles without the DOM lib).
declare const document: any;
declare const window: any;

/** Debian's Chromium, driven by playwright-core (no browser download). */
export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
/** The README's screenshots are rewritten only on demand (UPDATE_SCREENSHOTS=1), so a test run leaves the tree clean. */
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? join(__dirname, '..', '..', 'docs', 'screenshots')
  : join(tmpdir(), 'healthcheck-screenshots');
/** Waits are for what the page shows, never sleeps; generous for a busy 2-core machine. */
export const WAIT_MS = 30_000;
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
/** axe-core's engine, evaluated in the page (an injected <script> would be refused by the CSP, rightly). */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core (every rule it has, WCAG 2.x A/AA and best practices) on the page as it stands. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const results = await window.axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((violation: any) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node: any) => node.target.join(' ')),
    }));
  });
}

/** A readable list for a failure message: rule id, impact, what it is about, and every element hit. */
export const describeViolations = (where: string, violations: AxeViolation[]) =>
  violations.map((v) => `${where}: ${v.id} (${v.impact}) ${v.help}\n    ${v.targets.join('\n    ')}`).join('\n');

/** The page is no wider than the window: nothing scrolls sideways but the tables inside their card. */
export function pageFits(page: Page): Promise<{ page: number; screen: number }> {
  return page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
}

/**
 * The pages of one test file: each in a context of its own, with every console error and page
 * error collected into `problems` except the ones the file expects (`expected`: Chromium logs each
 * 4xx answer the test asks for).
 */
export class BrowserPages {
  readonly problems: string[] = [];
  private readonly contexts: BrowserContext[] = [];

  constructor(
    private readonly browser: () => Browser,
    private readonly expected: RegExp,
  ) {}

  async newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
    const context = await this.browser().newContext({ viewport: { width: 1280, height: 900 }, ...options });
    context.setDefaultTimeout(WAIT_MS);
    this.contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error' && !this.expected.test(message.text())) this.problems.push(message.text());
    });
    page.on('pageerror', (error) => this.problems.push(`pageerror: ${error.message}`));
    return page;
  }

  async closeAll(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => undefined);
  }
}

/** Fills and sends the login form of the dashboard at `url`. */
export async function submitLogin(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(`${url}/`);
  const form = page.locator('[data-test=login-form]');
  await form.locator('input[name=username]').fill(username);
  await form.locator('input[name=password]').fill(password);
  await form.locator('button[type=submit]').click();
}
