// A page holding only a file input (`#files`) and `readIntoBuffer` (byob_read.js), in a
// browser of its own with a fresh profile: where the bench tools' experiments on reading
// chosen files run.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Calls `fn(page, profile)` on such a page, then closes the browser and removes its profile. */
export async function withInputPage(fn) {
  const profile = mkdtempSync(join(tmpdir(), 'dec-input-page-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = context.pages()[0] ?? await context.newPage();
    await page.setContent('<input type="file" id="files" multiple>');
    await page.addScriptTag({ path: fileURLToPath(new URL('./byob_read.js', import.meta.url)) });
    await page.waitForTimeout(300);
    return await fn(page, profile);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
