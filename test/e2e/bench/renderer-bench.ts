/**
 * The renderer's figures (issue 14), with Playwright in Chromium over a copy of a bench store, through the same
 * harness as the e2e tests (the real app core behind `exposeBinding`): the case list's first rows, scrolling to the
 * end, the longest main-thread task meanwhile (PerformanceObserver `longtask`), keystroke-to-results in the search box,
 * switching screens and opening a case. Needs `npm run build` (the built renderer). It lives beside the e2e code for
 * its DOM types; `npm run bench -- --renderer` runs it (test/bench/run.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, expect, type Page } from '@playwright/test';
import { AppHarness } from '../harness/app-harness';
import { median } from '../../bench/measure';
import type { BulkRow } from '../../bench/report';
import { BENCH_END, BENCH_PASSPHRASE, SENDER, benchCore, type BenchStore } from '../../bench/store';

const CHROMIUM = process.env.CHROMIUM_PATH ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const screen = (page: Page, name: string) => page.locator(`[data-screen="${name}"][data-ready="true"]`).waitFor({ timeout: 60_000 });

async function longestTaskSince(page: Page, mark: number): Promise<number> {
  return page.evaluate((since) => {
    const tasks = (window as unknown as { __benchLongTasks: { start: number; duration: number }[] }).__benchLongTasks;
    return tasks.filter((t) => t.start >= since).reduce((m, t) => Math.max(m, t.duration), 0);
  }, mark);
}
// `globalThis`: a bare `performance` here would be compiled to the Node import, which the page does not have.
const pageNow = (page: Page) => page.evaluate(() => globalThis.performance.now());

export async function rendererBench(store: BenchStore, surname: string): Promise<BulkRow[]> {
  // A copy: unlocking and browsing write (the session, the logs), and the cached store must stay as it was made.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-bench-renderer-'));
  fs.cpSync(path.dirname(store.database), dataDir, { recursive: true });
  // The recovery key was shown to nobody when the bench made the store; confirm it so that unlock goes straight in.
  const prep = benchCore(dataDir, () => BENCH_END);
  const unlocked = await prep.registry.dispatch('vault.unlock', { passphrase: BENCH_PASSPHRASE }, SENDER);
  if (!unlocked.ok) throw new Error(unlocked.error.message);
  await prep.registry.dispatch('vault.confirmRecoveryKey', {}, SENDER);
  prep.close();

  const harness = new AppHarness({ dataDir, today: () => BENCH_END });
  const browser = await chromium.launch({
    ...(CHROMIUM ? { executablePath: CHROMIUM } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const rows: BulkRow[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-GB', timezoneId: 'Europe/London' });
    const page = await context.newPage();
    // tsx compiles this file keeping function names (esbuild's __name helper), and page.evaluate sends the functions'
    // source into the page, where that helper does not exist: give the page a harmless one first.
    await page.addInitScript({ content: 'window.__name = (fn) => fn;' });
    await page.addInitScript(() => {
      const tasks: { start: number; duration: number }[] = [];
      (window as unknown as { __benchLongTasks: typeof tasks }).__benchLongTasks = tasks;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask' as 'mark', buffered: true });
    });
    await harness.attach(page);
    await screen(page, 'unlock');
    await page.getByLabel('Passphrase').fill(BENCH_PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await screen(page, 'home');

    const nav = (label: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true });
    // Time to first rows: from the click on Cases to the first row's reference on screen, three times.
    const firstRows: number[] = [];
    for (let i = 0; i < 3; i++) {
      await nav('Home').click();
      await screen(page, 'home');
      const start = performance.now();
      await nav('Cases').click();
      await page.locator('.case-row__reference').first().waitFor();
      firstRows.push(performance.now() - start);
    }
    rows.push({ workload: 'Renderer: case list shows its first rows', ms: median(firstRows), budgetMs: 300 });

    // Scrolling, as a coordinator does it: a fast scroll wheel through 200 screens of the list (two screens a frame),
    // then the scroll bar dragged to the end, until the last row has loaded. Wheeling through all 50,000 rows would
    // take the bench minutes and measures nothing more: each step loads the same size of page by keyset.
    const all = page.getByRole('checkbox', { name: /closed/i }).first();
    if (await all.count()) {
      // The box is checked through the list's address (a navigation), so check() can look before React has caught up
      // and report that the click changed nothing: click, then wait for it to show as checked.
      await all.click();
      await expect(all).toBeChecked();
    }
    await page.locator('.case-row__reference').first().waitFor();
    const mark = await pageNow(page);
    const start = performance.now();
    const steps = await page.evaluate(async () => {
      const scroller = document.querySelector<HTMLElement>('.case-scroller');
      if (!scroller) return 0;
      const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
      let n = 0;
      while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 2 && n < 100) {
        scroller.scrollTop += scroller.clientHeight * 2;
        await frame();
        n++;
      }
      return n;
    });
    // The rows in view at the end of the wheel have loaded (no "Loading" row left on screen).
    await page.waitForFunction(() => ![...document.querySelectorAll('.case-table tbody tr')].some((r) => r.textContent?.includes('Loading')));
    rows.push({ workload: 'Renderer: scroll 200 screens of the case list', ms: performance.now() - start, budgetMs: null, note: `${steps} steps` });
    const jump = performance.now();
    await page.evaluate(() => {
      const scroller = document.querySelector<HTMLElement>('.case-scroller');
      if (scroller) scroller.scrollTop = scroller.scrollHeight;
    });
    await page.waitForFunction(() => {
      const table = document.querySelector('.case-table');
      const count = Number(table?.getAttribute('aria-rowcount') ?? 0);
      const last = document.querySelector(`tr[aria-rowindex="${count}"]`);
      return last !== null && !last.textContent?.includes('Loading');
    });
    rows.push({ workload: 'Renderer: drag the scroll bar to the end: last row shown', ms: performance.now() - jump, budgetMs: 300 });
    rows.push({ workload: 'Renderer: longest main-thread task while scrolling', ms: await longestTaskSince(page, mark), budgetMs: 100 });

    // Keystroke to results: from an empty search box (every case listed), the name entered as one input event, until
    // the list's row count has changed to the matches; three times, clearing in between. (Names may be hidden in
    // lists, so the count, not the text, says the results are there.)
    const search = page.getByLabel('Search by reference or applicant name');
    const rowCount = () => page.evaluate(() => document.querySelector('.case-table')?.getAttribute('aria-rowcount') ?? '');
    const typing: number[] = [];
    const typingMark = await pageNow(page);
    for (let i = 0; i < 3; i++) {
      await search.fill('');
      await page.waitForTimeout(500);
      const before = await rowCount();
      const t0 = performance.now();
      await search.fill(surname);
      await page.waitForFunction((was) => (document.querySelector('.case-table')?.getAttribute('aria-rowcount') ?? '') !== was, before);
      typing.push(performance.now() - t0);
    }
    rows.push({ workload: 'Renderer: keystroke to results in the search box', ms: median(typing), budgetMs: 300 });
    rows.push({ workload: 'Renderer: longest main-thread task while typing', ms: await longestTaskSince(page, typingMark), budgetMs: 100 });

    // Opening a case from the list (the search cleared, so the list has rows whatever the name matched).
    await search.fill('');
    const opening: number[] = [];
    for (let i = 0; i < 3; i++) {
      await nav('Cases').click();
      await page.locator('.case-row__reference').first().waitFor();
      const t0 = performance.now();
      await page.locator('.case-row__reference').first().click();
      await screen(page, 'case');
      opening.push(performance.now() - t0);
    }
    rows.push({ workload: 'Renderer: open a case from the list', ms: median(opening), budgetMs: 300 });

    // Switching screens: each screen from the nav until it says it is ready.
    for (const [label, name] of [
      ['Home', 'home'],
      ['Offers', 'offers'],
      ['Ledger', 'ledger'],
      ['Audit log', 'audit'],
      ['Partners', 'partners'],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        await nav(label === 'Home' ? 'Cases' : 'Home').click();
        await page.waitForTimeout(200);
        const t0 = performance.now();
        await nav(label).click();
        await screen(page, name);
        times.push(performance.now() - t0);
      }
      rows.push({ workload: `Renderer: switch to ${label}`, ms: median(times), budgetMs: 300 });
    }
    if (harness.blockedRequests.length) throw new Error(`The page tried the network: ${harness.blockedRequests.join(', ')}`);
  } finally {
    await browser.close();
    harness.remove();
  }
  return rows;
}
