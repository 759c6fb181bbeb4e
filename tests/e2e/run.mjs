// End-to-end tests: Debian's Chromium, driven by playwright-core, against the release builds.
//
//   node tests/e2e/run.mjs --root dist --sub dist-sub
//
// --root is a build with public URL "/", served at the root of one origin; --sub is a build with
// public URL "/dicom-exposure-check/", served from a folder of that name on another origin.
// Prints one line per test and ends with "e2e: N passed, N failed".
import { chromium } from 'playwright-core';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const fixture = (name) => join(repo, 'tests/fixtures', name);
const shots = join(here, 'screenshots');
const SUB_PATH = '/dicom-exposure-check/';

const { values: opts } = parseArgs({
  options: {
    root: { type: 'string', default: 'dist' },
    sub: { type: 'string', default: 'dist-sub' },
    // Run only the tests whose name contains this (while working on one).
    only: { type: 'string', default: '' },
  },
});

// ---- servers ------------------------------------------------------------------------------

/** python3 -m http.server on a free port, serving `dir`; resolves to its origin. */
async function staticServer(dir) {
  const port = await freePort();
  const child = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir], {
    stdio: 'ignore',
  });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(origin + '/');
      return { origin, close: () => child.kill() };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill();
  throw new Error(`static server for ${dir} did not start`);
}

/** A reachable server on another origin that counts every request it gets. */
async function foreignServer() {
  const hits = [];
  const server = createServer((req, res) => {
    hits.push(req.url);
    res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/plain' });
    res.end('reached');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  // 127.0.0.2 is loopback too, but a different host, so a different origin.
  return { origin: `http://127.0.0.2:${server.address().port}`, hits, close: () => server.close() };
}

function freePort() {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

// ---- browser ------------------------------------------------------------------------------

/** A browser with its own profile; `serviceWorkers: 'block'` for tests that rewrite what the
 * server sends (a service worker would answer from its cache instead). */
async function openBrowser({ serviceWorkers = 'allow', locale = 'en-US' } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'dec-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    serviceWorkers,
    locale,
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  return { context, requests, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}

async function newPage(browser, url) {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.waitForSelector('.drop-zone', { timeout: 20000 });
  return { page, errors };
}

async function uploadAndWait(page, files, count) {
  await page.setInputFiles('#file', files);
  await page.waitForFunction(
    (n) => document.querySelectorAll('.file-card').length >= n
      && !document.querySelector('.file-card__pending'),
    count, { timeout: 20000 });
}

function assert(cond, message) { if (!cond) throw new Error(message); }

// ---- tests --------------------------------------------------------------------------------

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('root build: a dropped DICOM file shows its masked name, and only this origin is asked', async (env) => {
  const { page, errors } = await newPage(env.browser, env.root.origin + '/');
  assert((await page.title()) === 'DICOM Exposure Self-Check', 'title');
  assert((await page.textContent('.promise')).includes('Nothing leaves this computer'), 'promise sentence');
  await uploadAndWait(page, [fixture('CT_small.dcm')], 1);
  const name = (await page.textContent('.file-card .patient-name')).trim();
  assert(name === 'C*** C***', `masked name shown, got "${name}"`);
  const html = await page.content();
  assert(!html.includes('CompressedSamples'), 'raw patient name must not be in the page');
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, 'scan-ct-small.png'), fullPage: true });
  // The README's picture (docs/images/scan.png is a copy of it): the verdict and one card.
  await page.setViewportSize({ width: 900, height: 1100 });
  await page.screenshot({ path: join(shots, 'readme-scan.png') });
  await page.setViewportSize({ width: 1280, height: 720 });
  const foreign = env.browser.requests.filter((u) => !u.startsWith(env.root.origin + '/'));
  assert(foreign.length === 0, `requests to other origins: ${foreign.join(', ')}`);
  assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
  await page.close();
});

test('the first scan worker warms up on the synthetic header, which never shows; a file chosen meanwhile is scanned', async (env) => {
  // src/web/warmup.rs: the worker fetches www/warmup.dcm from this origin and reads it while
  // the page waits; its reports are dropped in the worker.
  const { page, errors } = await newPage(env.browser, env.root.origin + '/');
  const warmup = `${env.root.origin}/warmup.dcm`;
  for (let i = 0; i < 100 && !env.browser.requests.includes(warmup); i++) await page.waitForTimeout(100);
  assert(env.browser.requests.includes(warmup), 'the warm-up header is fetched from this origin');
  await uploadAndWait(page, [fixture('MR_small_RLE.dcm')], 1);
  await page.waitForTimeout(1000);
  const cards = await page.$$eval('.file-card', (els) => els.map((e) => e.innerText));
  assert(cards.length === 1 && cards[0].includes('MR_small_RLE.dcm'), `one card, the chosen file: ${cards.join(' | ')}`);
  const text = await page.evaluate(() => document.body.innerText);
  assert(!/warmup|W\*\*\* S\*\*\*/.test(text), 'nothing of the warm-up header on the page');
  assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
  await page.close();
});

test('a file that is not DICOM gets a clear message, and the good file beside it still scans', async (env) => {
  const { page } = await newPage(env.browser, env.root.origin + '/');
  await uploadAndWait(page, [fixture('README.md'), fixture('MR_small_bigendian.dcm')], 2);
  const cards = await page.$$eval('.file-card', (els) => els.map((e) => e.textContent));
  const readme = cards.find((t) => t.includes('README.md'));
  const mr = cards.find((t) => t.includes('MR_small_bigendian.dcm'));
  assert(readme && /not a format this tool reads \(tried DICOM/i.test(readme), `message for README.md: ${readme}`);
  assert(mr && mr.includes('C*** M***'), `big-endian MR scanned: ${mr}`);
  await page.close();
});

test('the Content-Security-Policy blocks a deliberate request to another origin', async (env) => {
  const { page } = await newPage(env.browser, env.root.origin + '/');
  const outcome = await page.evaluate(async (foreignOrigin) => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    let fetchResult;
    try {
      await fetch(foreignOrigin + '/leak?name=x');
      fetchResult = 'allowed';
    } catch (e) {
      fetchResult = 'blocked';
    }
    const img = new Image();
    const imgResult = await new Promise((r) => {
      img.onload = () => r('allowed');
      img.onerror = () => r('blocked');
      img.src = foreignOrigin + '/pixel.png';
    });
    await new Promise((r) => setTimeout(r, 200));
    return { fetchResult, imgResult, violations };
  }, env.foreign.origin);
  assert(outcome.fetchResult === 'blocked', 'fetch to another origin must fail');
  assert(outcome.imgResult === 'blocked', 'image from another origin must fail');
  assert(outcome.violations.includes('connect-src'), `connect-src violation reported: ${outcome.violations}`);
  assert(outcome.violations.includes('img-src'), `img-src violation reported: ${outcome.violations}`);
  assert(env.foreign.hits.length === 0, `the other origin was reached: ${env.foreign.hits}`);
  await page.close();
});

test('a browser that cannot run the page is told so, in three languages, instead of an empty page', async (env) => {
  // Service workers blocked: the routes below must answer, not a cache.
  const browser = await openBrowser({ serviceWorkers: 'block' });
  try {
    // A browser without WebAssembly SIMD (Safari before 16.4): the feature test fails.
    const old = await browser.context.newPage();
    await old.addInitScript(() => { WebAssembly.validate = () => false; });
    await old.goto(env.root.origin + '/');
    await old.waitForSelector('#boot-old', { state: 'visible', timeout: 20000 });
    const text = await old.textContent('#boot-old');
    for (const words of ['too old', 'Safari 16.4', 'demasiado antiguo', 'zu alt']) {
      assert(text.includes(words), `the too-old message says "${words}": ${text}`);
    }
    assert(await old.isHidden('#boot-wait'), 'the starting line is hidden once the message shows');
    assert(await old.isHidden('#boot-error'), 'only the too-old message shows');
    assert((await old.$('.drop-zone')) === null, 'no drop zone without a running page');
    mkdirSync(shots, { recursive: true });
    await old.screenshot({ path: join(shots, 'browser-too-old.png'), fullPage: true });
    await old.close();

    // A module that does not compile (a damaged download): the start fails with its reason.
    const broken = await browser.context.newPage();
    await broken.route(/app-[0-9a-f]+_bg\.wasm$/, (route) =>
      route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('not a wasm module') }));
    await broken.goto(env.root.origin + '/');
    await broken.waitForSelector('#boot-error', { state: 'visible', timeout: 20000 });
    const detail = (await broken.textContent('#boot-error .boot-detail')).trim();
    assert(detail.length > 0, 'the error names its reason');
    assert((await broken.textContent('#boot-error')).includes('could not start'), 'the start-failure message');
    assert(await broken.isHidden('#boot-old'), 'a capable browser is not called too old');
    await broken.close();
  } finally {
    await browser.close();
  }
  // A browser that can run it: the page replaces the start messages.
  const { page } = await newPage(env.browser, env.root.origin + '/');
  assert((await page.$('#boot')) === null, 'the start messages are gone once the page runs');
  await page.close();
});

test('the views module fetched when needed: a view draws in it, a slow one says it is loading, and one that cannot be fetched says so while the rest works', async (env) => {
  // Service workers blocked: the route below must answer, not a cache.
  const browser = await openBrowser({ serviceWorkers: 'block' });
  try {
    const { page } = await newPage(browser, env.root.origin + '/');
    const before = browser.requests.length;
    assert(!browser.requests.some((u) => /\/views(_bg\.wasm|\.js)$/.test(u)), 'not part of the first load');
    await uploadAndWait(page, [fixture('CT_small.dcm')], 1);
    await press(page, '#view-findings');
    await page.waitForSelector('.views-host table', { timeout: 20000 });
    const fetched = browser.requests.slice(before).filter((u) => /\/views(_bg\.wasm|\.js)$/.test(u));
    assert(fetched.length === 2, `views.js and its wasm fetched once: ${fetched}`);
    await page.close();

    // A slow network: the view's place says it is loading, then the view replaces that.
    const slow = await browser.context.newPage();
    await slow.route(/\/views\.js$/, async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await slow.goto(env.root.origin + '/');
    await slow.waitForSelector('.drop-zone', { timeout: 20000 });
    await press(slow, '#tab-checklist');
    await slow.waitForSelector('.views__loading', { timeout: 5000 });
    assert((await slow.textContent('.views__loading')).includes('Loading'), 'the place says it is loading');
    await slow.waitForSelector('.views-host h2', { timeout: 20000 });
    assert((await slow.$('.views__loading')) === null, 'the loading line goes once the view is drawn');
    await slow.close();

    const failing = await browser.context.newPage();
    const errors = [];
    failing.on('pageerror', (e) => errors.push(String(e)));
    await failing.route(/\/views\.js$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
    await failing.goto(env.root.origin + '/');
    await failing.waitForSelector('.drop-zone', { timeout: 20000 });
    await uploadAndWait(failing, [fixture('CT_small.dcm')], 1);
    await press(failing, '#view-people');
    await failing.waitForSelector('.views__error', { timeout: 20000 });
    const said = await failing.textContent('.views__error');
    assert(said.includes('could not be loaded') && said.includes('views.js'), `the place says why: ${said}`);
    await press(failing, '#export-json');
    await failing.waitForSelector('.exports .views__error', { timeout: 20000 });
    await press(failing, '#view-files');
    const names = await failing.$$eval('.file-card__name', (els) => els.map((e) => e.innerText.trim()));
    assert(names.includes('CT_small.dcm'), `the file list still works: ${names}`);
    assert(errors.length === 0, `page errors: ${errors}`);
    await failing.close();
  } finally {
    await browser.close();
  }
});

test(`sub-path build: served under ${SUB_PATH}, the page loads and scans`, async (env) => {
  const base = env.sub.origin + SUB_PATH;
  const before = env.browser.requests.length;
  const { page, errors } = await newPage(env.browser, base);
  await uploadAndWait(page, [fixture('MR_small_RLE.dcm')], 1);
  const name = (await page.textContent('.file-card .patient-name')).trim();
  assert(name === 'C*** M***', `masked name under sub-path, got "${name}"`);
  const outside = env.browser.requests.slice(before).filter((u) => !u.startsWith(base));
  assert(outside.length === 0, `requests outside ${base}: ${outside.join(', ')}`);
  assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
  await page.screenshot({ path: join(shots, 'sub-path.png'), fullPage: true });
  await page.close();
});


/** Activate a control the way a keyboard user does: focus it, press Enter. */
async function press(page, selector) {
  await page.focus(selector);
  await page.keyboard.press('Enter');
}

const exportFixture = (name) => join(repo, 'tests/fixtures/exports', name);

test('query exports and a scan result: each says how many people it reveals', async (env) => {
  const { page, errors } = await newPage(env.browser, env.root.origin + '/');
  await uploadAndWait(page, [
    exportFixture('qido-studies.json'),
    exportFixture('findscu-studyroot-STUDY.txt'),
    exportFixture('worklist-de-cp1252.csv'),
    exportFixture('orthanc-patients-expand.json'),
    exportFixture('nmap-dicom.xml'),
  ], 5);
  const cards = await page.$$eval('.file-card', (els) => els.map((e) => e.textContent));
  for (const [file, text] of [
    ['qido-studies.json', 'DICOM JSON'],
    ['findscu-studyroot-STUDY.txt', 'findscu'],
    ['worklist-de-cp1252.csv', 'CSV'],
    ['orthanc-patients-expand.json', 'Orthanc'],
  ]) {
    const card = cards.find((t) => t.includes(file));
    assert(card && card.includes(text) && card.includes('6 people'), `${file}: ${card}`);
  }
  const nmap = cards.find((t) => t.includes('nmap-dicom.xml'));
  assert(nmap && nmap.includes('DICOM server accepts any AE title') && nmap.includes('4242'), `nmap card: ${nmap}`);
  // What the reader had to guess is said on the card (folded).
  const csvNotes = cards.find((t) => t.includes('worklist-de-cp1252.csv'));
  assert(csvNotes.includes('1 note on reading this file') && csvNotes.includes('read as Windows-1252'), `CSV notes: ${csvNotes}`);
  // A card lists its first 8 findings; "Show all" lists the rest and says it is open.
  const qido = page.locator('.file-card', { hasText: 'qido-studies.json' });
  const rows = () => qido.locator('table.findings tbody tr').count();
  const shown = await rows();
  await qido.locator('.file-card__more button').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => [...document.querySelectorAll('.file-card__more button')].some((b) => b.getAttribute('aria-expanded') === 'true'));
  const all = await rows();
  const label = await qido.locator('.file-card__more button').textContent();
  assert(shown === 8 && all > 8 && label === 'Show fewer', `card findings: ${shown} then ${all}, button ${label}`);
  assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
  await page.screenshot({ path: join(shots, 'exports.png'), fullPage: true });
  await page.close();
});

test('every other export format the core reads is recognized in the page, with its people or services', async (env) => {
  const { page, errors } = await newPage(env.browser, env.root.origin + '/');
  // [fixture, format line shown on its card]
  const expected = [
    ['findscu-Xs-study.xml', 'DCMTK XML · 6 records · 6 people'],
    ['dcm2xml_native_ct_small.xml', 'DICOM Native XML · 1 record · 1 person'],
    ['dcmdump_ct_small.txt', 'DCMTK dcmdump output · 1 record · 1 person'],
    ['nmap-dicom.txt', 'nmap output · 2 exposed services'],
    ['nmap-dicom.gnmap', 'nmap grepable output · 2 exposed services'],
    ['dicom-rs-findscu-study-v.txt', 'dicom-rs findscu output · 4 records · 3 people'],
    ['dcm4che-findscu-study-debug.txt', 'dcm4che findscu output · 4 records · 3 people'],
    ['conquest-patients-studies.csv', 'CSV worklist · 3 records · 3 people'],
    ['wado-study-metadata.json', 'DICOM JSON (QIDO-RS / WADO-RS) · 1 record · 1 person'],
    ['orthanc-instance-tags.json', 'Orthanc REST JSON · 1 record · 1 person'],
    ['worklist-excel.xlsx', 'Excel workbook (XLSX) worklist · 5 records · 3 people'],
  ];
  const rsp = join(repo, 'tests/fixtures/exports/findscu-X-study/rsp0001.dcm');
  await uploadAndWait(page, [...expected.map(([f]) => exportFixture(f)), rsp], expected.length + 1);
  const cards = await page.$$eval('.file-card', (els) => els.map((e) => [
    e.querySelector('.file-card__name')?.innerText.trim(),
    e.querySelector('.file-card__format')?.innerText.trim(),
    e.innerText,
  ]));
  for (const [file, format] of expected) {
    const card = cards.find(([name]) => name === file);
    assert(card && card[1] === format, `${file}: ${card && card[1]}`);
  }
  // A findscu -X response file is a DICOM file: its card shows the masked identity.
  const response = cards.find(([name]) => name === 'rsp0001.dcm');
  assert(response && /Patient name/.test(response[2]) && !/Not checked/.test(response[2]), `rsp0001.dcm: ${response && response[2].slice(0, 200)}`);
  assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
  await page.close();
});

test('a ZIP archive is opened and each member scanned', async (env) => {
  const dir = mkdtempSync(join(tmpdir(), 'dec-zip-'));
  const zipPath = join(dir, 'cd-export.zip');
  const made = spawnSync('python3', ['-c', `
import zipfile, sys
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.write(sys.argv[2], 'DICOM/IM0001')
    z.write(sys.argv[3], 'DICOM/IM0002')
    z.writestr('README.TXT', 'Patient CD')
`, zipPath, fixture('CT_small.dcm'), fixture('MR_small_RLE.dcm')]);
  assert(made.status === 0, `zip made: ${made.stderr}`);
  const { page } = await newPage(env.browser, env.root.origin + '/');
  await uploadAndWait(page, [zipPath], 4);
  const names = await page.$$eval('.file-card__name', (els) => els.map((e) => e.innerText.trim()));
  assert(names.includes('cd-export.zip/DICOM/IM0001'), `members: ${names}`);
  const text = await page.textContent('.results');
  assert(text.includes('C*** C***') && text.includes('C*** M***'), 'both members scanned');
  // A ZIP in gives a ZIP out: its DICOM members copied clean, README.TXT left out.
  await pickPrivateFolder(page, 'zip-copy');
  await press(page, '#copy-to-folder');
  await page.waitForFunction(() => /^Done: /.test(document.querySelector('.clean-copy__done')?.textContent || ''), null, { timeout: 60000 });
  const done = await page.textContent('.clean-copy__done');
  assert(/Done: 2 clean copies/.test(done) && /1 file was left out/.test(done), done);
  const written = await readPrivateFolder(page, 'zip-copy');
  const zipped = written.find(([path]) => path.endsWith('/IM000001.zip'));
  assert(zipped, `the copy holds a ZIP: ${written.map((w) => w[0])}`);
  const copyPath = join(dir, 'copy.zip');
  writeFileSync(copyPath, Buffer.from(zipped[1], 'base64'));
  const listed = spawnSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(sorted(zipfile.ZipFile(sys.argv[1]).namelist())))', copyPath], { encoding: 'utf8' });
  assert(listed.stdout.trim() === 'DICOMDIR\nDIR00001/IM000001\nDIR00001/IM000002', `members: ${listed.stdout} ${listed.stderr}`);
  rmSync(dir, { recursive: true, force: true });
  await page.close();
});

test('a gzipped DICOM file is unpacked by the export worker and its content scanned, not taken for an export', async (env) => {
  const dir = mkdtempSync(join(tmpdir(), 'dec-gz-'));
  const gzPath = join(dir, 'ct.dcm.gz');
  writeFileSync(gzPath, gzipSync(readFileSync(fixture('CT_small.dcm'))));
  const { page, errors } = await newPage(env.browser, env.root.origin + '/');
  await uploadAndWait(page, [gzPath], 1);
  await page.waitForFunction(() => [...document.querySelectorAll('.file-card__name')]
    .some((e) => e.innerText.trim() === 'ct.dcm.gz/ct.dcm'), null, { timeout: 20000 });
  const text = await page.textContent('.results');
  assert(text.includes('C*** C***'), `the content's masked name shows: ${text.slice(0, 300)}`);
  assert(!/CSV worklist/.test(text), 'not taken for a worklist');
  // The gzip file's own card says what it is: it was called a ZIP archive.
  assert(!/ZIP archive with/.test(text) && text.includes('holding 1 file, listed below'),
    `the gzip file is named an archive, not a ZIP: ${text.slice(0, 300)}`);
  assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
  await page.close();
});

test('a tar archive and a .tar.gz are read by the export worker, each file a member of its own', async (env) => {
  // tar archives were named and not read ("unpack it"); each file is now scanned in its place.
  const dir = mkdtempSync(join(tmpdir(), 'dec-tar-'));
  mkdirSync(join(dir, 'series'));
  copyFileSync(fixture('CT_small.dcm'), join(dir, 'series', 'CT_small.dcm'));
  copyFileSync(fixture('MR_small_bigendian.dcm'), join(dir, 'series', 'MR.dcm'));
  const tarPath = join(dir, 'scans.tar');
  const made = spawnSync('tar', ['--format=posix', '-cf', tarPath, '-C', dir, 'series']);
  assert(made.status === 0, `tar: ${made.stderr}`);
  const tgzPath = join(dir, 'scans.tgz');
  writeFileSync(tgzPath, gzipSync(readFileSync(tarPath)));
  const { page, errors } = await newPage(env.browser, env.root.origin + '/');
  await uploadAndWait(page, [tarPath, tgzPath], 2);
  const want = ['scans.tar/series/CT_small.dcm', 'scans.tar/series/MR.dcm',
    'scans.tgz/scans.tar/series/CT_small.dcm', 'scans.tgz/scans.tar/series/MR.dcm'];
  await page.waitForFunction((want) => {
    const names = [...document.querySelectorAll('.file-card__name')].map((e) => e.innerText.trim());
    return want.every((w) => names.includes(w));
  }, want, { timeout: 20000 });
  const names = await page.$$eval('.file-card .patient-name', (els) => els.map((e) => e.textContent.trim()));
  assert(names.filter((n) => n === 'C*** C***').length === 2 && names.filter((n) => n === 'C*** M***').length === 2,
    `each file's masked name shows: ${names.join(', ')}`);
  const text = await page.textContent('.results');
  assert(text.includes('An archive holding 2 files'), `the archive's own card: ${text.slice(0, 300)}`);
  // The archive's own card does not say "0 people": its members' cards carry them.
  const archiveFormats = await page.$$eval('.file-card', (els) => els
    .filter((e) => ['scans.tar', 'scans.tgz'].includes(e.querySelector('.file-card__name')?.innerText.trim()))
    .map((e) => e.querySelector('.file-card__format')?.innerText ?? ''));
  assert(archiveFormats.length === 2 && archiveFormats.every((f) => !/people/.test(f)), `archive cards: ${archiveFormats}`);
  assert(!/Unpack it/.test(text), 'not named as an archive to unpack');
  assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
  await page.close();
});

test('small files are read into buffers the scan workers give back, and through the stream\'s chunks where the browser has no BYOB reader', async (env) => {
  // Six copies: more than a worker gives back at once, so buffers come back and are read into
  // again. The same files then in a page without ReadableStreamBYOBReader (older browsers).
  const dir = mkdtempSync(join(tmpdir(), 'dec-pool-'));
  const files = [...Array(6).keys()].map((i) => {
    const path = join(dir, `ct${i}.dcm`);
    cpSync(fixture('CT_small.dcm'), path);
    return path;
  });
  files.push(fixture('MR_small_bigendian.dcm'));
  try {
    for (const byob of [true, false]) {
      const page = await env.browser.context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      if (!byob) await page.addInitScript(() => { delete globalThis.ReadableStreamBYOBReader; });
      await page.goto(env.root.origin + '/');
      await page.waitForSelector('.drop-zone', { timeout: 20000 });
      assert(await page.evaluate(() => typeof globalThis.ReadableStreamBYOBReader === 'function') === byob,
        `BYOB reader ${byob ? 'present' : 'removed'}`);
      await uploadAndWait(page, files, files.length);
      const names = await page.$$eval('.file-card .patient-name', (els) => els.map((e) => e.textContent.trim()));
      assert(names.length === 7 && names.filter((n) => n === 'C*** C***').length === 6 && names.includes('C*** M***'),
        `with${byob ? '' : 'out'} BYOB, every file scanned: ${names.join(', ')}`);
      assert(errors.length === 0, `page errors: ${errors}`);
      await page.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a deflated data set is inflated by the scan worker itself, and its findings show', async (env) => {
  // The page's own module has no dicom-rs deflate support (the feature `archives`), but the
  // DICOM walk inflates with its own inflater: no other module is fetched for it. pydicom's
  // deflated test file (tests/fixtures/README.md).
  const { page, errors } = await newPage(env.browser, env.root.origin + '/');
  const before = env.browser.requests.length;
  await uploadAndWait(page, [fixture('image_dfl.dcm')], 1);
  const during = env.browser.requests.slice(before);
  assert(!during.some((u) => /worker/.test(u)), `read by the page's own scan worker: ${during.join(', ')}`);
  const cards = await page.$$eval('.file-card', (els) => els.map((e) => e.innerText));
  assert(cards.length === 1, `one card: ${cards.length}`);
  assert(cards[0].includes('Image Comments') && cards[0].includes('SOP Instance UID'), `its findings: ${cards[0]}`);
  assert(!/not read|handed on|export worker/i.test(cards[0]), `no message of the hand-on: ${cards[0]}`);
  assert(errors.length === 0, `page errors: ${errors}`);
  await page.close();
});

test('two ZIPs dropped together: the export workers read both, every member once', async (env) => {
  // The page's own module does not read archives (Cargo feature `archives`): its scan workers
  // hand each ZIP on, and an export worker per waiting archive (up to the pool) reads it.
  const dir = mkdtempSync(join(tmpdir(), 'dec-zips-'));
  const zips = ['first.zip', 'second.zip'].map((name) => join(dir, name));
  for (const [i, zipPath] of zips.entries()) {
    const made = spawnSync('python3', ['-c', `
import zipfile, sys
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    for n in range(3):
        z.write(sys.argv[2], 'DICOM/IM%04d' % n)
`, zipPath, fixture(i === 0 ? 'CT_small.dcm' : 'MR_small_RLE.dcm')]);
    assert(made.status === 0, `zip made: ${made.stderr}`);
  }
  const { page, errors } = await newPage(env.browser, env.root.origin + '/');
  await uploadAndWait(page, zips, 8);
  // Each archive's own card, then its members'.
  const names = (await page.$$eval('.file-card__name', (els) => els.map((e) => e.innerText.trim()))).sort();
  const expected = ['first.zip', 'second.zip'].flatMap((z) => [z, ...[0, 1, 2].map((n) => `${z}/DICOM/IM000${n}`)]).sort();
  assert(JSON.stringify(names) === JSON.stringify(expected), `members: ${names}`);
  const text = await page.textContent('.results');
  assert(text.includes('C*** C***') && text.includes('C*** M***'), 'both archives scanned');
  assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
  rmSync(dir, { recursive: true, force: true });
  await page.close();
});

test('patient checklist by keyboard: answers survive a reload, the plan and letter print', async (env) => {
  const { page, errors } = await newPage(env.browser, env.root.origin + '/');
  await uploadAndWait(page, [fixture('CT_small.dcm')], 1);
  await press(page, '#tab-checklist');
  await page.waitForSelector('text=I am a patient');
  await press(page, 'button:has-text("I am a patient")');
  await page.waitForSelector('#step-title');
  await press(page, 'button.answer:text-is("No")');
  await press(page, 'button:has-text("Next")');
  await page.waitForFunction(() => document.querySelector('.step__count')?.textContent.startsWith('Step 2'));
  await press(page, 'button.answer:text-is("Not sure")');
  const stored = await page.evaluate(() => JSON.stringify(localStorage));
  assert(!stored.includes('CompressedSamples') && !stored.includes('C***'), `storage holds no identifier: ${stored}`);
  await page.reload();
  await page.waitForSelector('.drop-zone');
  await press(page, '#tab-checklist');
  await page.waitForSelector('.step__count');
  const step = await page.textContent('.step__count');
  assert(step.startsWith('Step 2'), `resumed at step 2, got ${step}`);
  const pressed = await page.$eval('button.answer[aria-pressed="true"]', (e) => e.textContent);
  assert(pressed === 'Not sure', `answer restored: ${pressed}`);
  for (let i = 0; i < 10 && !(await page.$('#plan-title')); i++) {
    await press(page, '.step__nav button.button:not(.button--quiet)');
  }
  await page.waitForSelector('#plan-title');
  const plan = await page.textContent('.plan');
  assert(plan.includes('you answered no'), `plan names the no answer: ${plan.slice(0, 300)}`);
  const letter = await page.inputValue('textarea.letter');
  // The letter asks about the "no" (step 1) and the "not sure" (step 2), in that order.
  assert(letter.includes('1. My images can be viewed online without my own login') && letter.includes('2. Have you, and the imaging centre') && letter.includes('[your name]'), `letter asks what was answered no or not sure: ${letter.slice(0, 600)}`);
  await page.emulateMedia({ media: 'print' });
  const hidden = await page.$eval('.tabs', (e) => getComputedStyle(e).display);
  assert(hidden === 'none', 'tabs hidden in print');
  await page.screenshot({ path: join(shots, 'plan-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await press(page, '#checklist-reset');
  const after = await page.evaluate(() => localStorage.length);
  assert(after === 0, `storage cleared: ${after}`);
  assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
  await page.close();
});

test('office checklist by keyboard: an nmap any-AET result fails the DICOM step; the plan prints with the scan report', async (env) => {
  const { page } = await newPage(env.browser, env.root.origin + '/');
  // Start from a fresh checklist whatever an earlier test left behind.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector('.drop-zone');
  await uploadAndWait(page, [exportFixture('nmap-dicom.xml')], 1);
  await press(page, '#tab-checklist');
  await press(page, 'button:has-text("I run an imaging office")');
  await page.waitForSelector('.evidence');
  const evidence = await page.textContent('.evidence');
  assert(/any AE title/i.test(evidence) && evidence.includes('4242'), `evidence shown: ${evidence}`);
  await page.screenshot({ path: join(shots, 'office-step.png'), fullPage: true });
  // Walk every step by keyboard: "Not sure" on the steps the scan did not answer.
  for (let i = 0; i < 20 && !(await page.$('#plan-title')); i++) {
    if (!(await page.$('.evidence'))) await press(page, 'button.answer:text-is("Not sure")');
    await press(page, '.step__nav button.button:not(.button--quiet)');
  }
  await page.waitForSelector('#plan-title');
  const plan = await page.textContent('.plan__actions');
  assert(plan.includes('No DICOM port reachable from the Internet'), `plan lists the exposed port step: ${plan.slice(0, 200)}`);
  const firstBadge = await page.textContent('.plan__actions li .badge');
  assert(['critical', 'high'].includes(firstBadge), `most severe first: ${firstBadge}`);
  await page.emulateMedia({ media: 'print' });
  const scanShown = await page.$eval('.print-only .scan-summary', (e) => getComputedStyle(e.parentElement).display !== 'none' && e.textContent);
  assert(scanShown && scanShown.includes('network scan shows'), `the printed plan carries the scan report: ${scanShown}`);
  await page.screenshot({ path: join(shots, 'office-plan-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await press(page, '#checklist-reset');
  await page.close();
});


/** N copies of a fixture in a fresh folder (different names, same bytes). */
function manyFiles(n) {
  const dir = mkdtempSync(join(tmpdir(), 'dec-many-'));
  const bytes = readFileSync(fixture('MR_small_RLE.dcm'));
  const paths = [];
  for (let i = 0; i < n; i++) {
    const p = join(dir, `IM${String(i).padStart(5, '0')}.dcm`);
    writeFileSync(p, bytes);
    paths.push(p);
  }
  return { dir, paths };
}

test('a folder of 1,000 files: progress shows, the page stays responsive, cancel stops the rest', async (env) => {
  const { dir, paths } = manyFiles(1000);
  const { page } = await newPage(env.browser, env.root.origin + '/');
  await page.setInputFiles('#file', paths);
  await page.waitForSelector('#progress-text');
  const start = await page.textContent('#progress-text');
  assert(/^(Checking 1000 files…|Checked \d+ of 1000 files)/.test(start), `progress text: ${start}`);
  // Files done, bytes, rate and time left once the first answers are in.
  await page.waitForFunction(() => /Checked [1-9]\d* of 1000 files · .* · \d+ files\/s, about/.test(document.querySelector('#progress-text')?.textContent || ''));
  const t0 = Date.now();
  await page.evaluate(() => document.title);
  const roundTrip = Date.now() - t0;
  assert(roundTrip < 2000, `page answered in ${roundTrip} ms while scanning`);
  await page.screenshot({ path: join(shots, 'progress.png') });
  await press(page, '#cancel-scan');
  await page.waitForFunction(() => !document.querySelector('.file-card__pending') && !document.querySelector('#cancel-scan'));
  const done = await page.textContent('#progress-text');
  const scanned = Number((/Done: (\d+) files?/.exec(done) || [])[1]);
  assert(scanned < 1000, `cancel stopped the scan early (${done})`);
  await press(page, '#show-all');
  const label = await page.textContent('#show-all');
  assert(label.includes('showing 200 of 1000'), `the button says how many are shown: ${label}`);
  const focusIndex = () => [...document.querySelectorAll('#file-list > li')].indexOf(document.activeElement);
  await page.waitForFunction(() => document.activeElement?.matches('#file-list > li'), null, { timeout: 3000 }).catch(() => {});
  const focused = await page.evaluate(focusIndex);
  assert(focused === 100, `"Show more" focuses the first card it revealed (got ${focused})`);
  while (await page.$('#show-all')) await press(page, '#show-all');
  const cancelled = await page.$$eval('.file-card', (els) => els.filter((e) => e.textContent.includes('cancelled')).length);
  assert(cancelled === 1000 - scanned, `${cancelled} cards say cancelled, ${scanned} scanned`);
  await page.close();

  // The second run picks the whole folder, as "Choose a folder" does.
  const again = await newPage(env.browser, env.root.origin + '/');
  await again.page.setInputFiles('#folder', dir);
  await again.page.waitForFunction(() => document.querySelector('#progress-text')?.textContent.startsWith('Done: 1000 files'), null, { timeout: 120000 });
  const verdict = await again.page.textContent('.verdict');
  assert(verdict.includes('1000 files identify 1 person'), `verdict: ${verdict}`);
  const cards = await again.page.$$eval('.file-card', (els) => els.length);
  assert(cards === 100, `the list shows the first 100 cards, got ${cards}`);
  // Printed, the list says it holds only those.
  await again.page.emulateMedia({ media: 'print' });
  const printed = await again.page.$$eval('#file-list ~ .print-only', (els) => els.filter((e) => getComputedStyle(e).display !== 'none').map((e) => e.textContent).join(' '));
  assert(printed.includes('lists the first 100 of 1000 files'), `print note: ${printed}`);
  await again.page.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a view opened while files are still checked keeps the files it was opened with, says so, and is brought up to date when all are done', async (env) => {
  const { dir, paths } = manyFiles(1500);
  const { page, errors } = await newPage(env.browser, env.root.origin + '/');
  await page.setInputFiles('#file', fixture('CT_small.dcm'));
  await page.waitForFunction(() => (document.querySelector('#progress-text')?.textContent || '').startsWith('Done: 1 file'));
  await page.setInputFiles('#file', paths);
  const progress = await page.textContent('#progress-text');
  assert(!progress.startsWith('Done'), `the second batch is still being checked: ${progress}`);
  await press(page, '#view-findings');
  const matching = async () => Number((/(\d+) findings? match/.exec(await page.textContent('#view-findings-panel .findings-view__count')) || [])[1]);
  await page.waitForSelector('#view-findings-panel .findings-view__count');
  const held = await page.textContent('.views__held');
  const kept = Number((/shows the (\d+) files? checked/.exec(held) || [])[1]);
  assert(kept >= 1 && kept < 1501, `the note says how many files the view shows: ${held}`);
  const before = await matching();
  assert(before > 0, `the view shows the findings of the files done when it was opened (${before})`);
  // Later checkpoints while the rest is checked leave it as it was.
  await page.waitForFunction((k) => {
    const m = /Checked (\d+) of 1500/.exec(document.querySelector('#progress-text')?.textContent || '');
    return !m || Number(m[1]) > k + 300;
  }, kept, { timeout: 120000 });
  if (await page.$('.views__held')) {
    assert(await matching() === before, 'the view is not drawn again while files are pending');
  }
  await page.waitForFunction(() => (document.querySelector('#progress-text')?.textContent || '').startsWith('Done: 1500 files'), null, { timeout: 120000 });
  await page.waitForFunction(() => !document.querySelector('.views__held'));
  await page.waitForFunction((b) => {
    const m = /(\d+) findings? match/.exec(document.querySelector('#view-findings-panel .findings-view__count')?.textContent || '');
    return m && Number(m[1]) > b;
  }, before, { timeout: 30000 });
  const after = await matching();
  const perFile = (after - before) / (1501 - kept);
  assert(Number.isInteger(perFile) && perFile > 0, `every file's findings once the scan is done: ${before} of ${kept} files, ${after} of 1501`);
  assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
  await page.close();
  rmSync(dir, { recursive: true, force: true });
});

// ---- clean copies -------------------------------------------------------------------------

/** Real public files of several vendors, syntaxes and people (see tests/fixtures/README.md). */
const COPY_INPUTS = [
  'CT_small.dcm', 'MR_small_RLE.dcm', 'MR_small_bigendian.dcm', 'MR_small_implicit.dcm',
  'image_dfl.dcm', 'rtplan.dcm', 'chrFren.dcm', 'chrX1.dcm',
];

/** The page's folder picker answers with a folder of the origin-private file system (the
 *  same FileSystemDirectoryHandle type a user's pick gives; a real picker needs a person). */
async function pickPrivateFolder(page, name) {
  await page.evaluate((name) => {
    window.showDirectoryPicker = async () => {
      const root = await navigator.storage.getDirectory();
      return root.getDirectoryHandle(name, { create: true });
    };
  }, name);
}

/** Every file under the private folder `name`, as [path, base64 bytes]. */
async function readPrivateFolder(page, name) {
  return page.evaluate(async (name) => {
    const out = [];
    async function walk(dir, prefix) {
      for await (const [entry, handle] of dir.entries()) {
        if (handle.kind === 'directory') await walk(handle, `${prefix}${entry}/`);
        else {
          const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
          let text = '';
          for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
          out.push([prefix + entry, btoa(text)]);
        }
      }
    }
    const root = await navigator.storage.getDirectory();
    try { await walk(await root.getDirectoryHandle(name), ''); } catch (e) { if (e.name !== 'NotFoundError') throw e; }
    return out;
  }, name);
}

test('a clean copy into a folder: written file by file, read by DCMTK, and dropped back it names no one', async (env) => {
  const { page, errors } = await newPage(env.browser, env.root.origin + '/');
  const before = env.browser.requests.length;
  await uploadAndWait(page, COPY_INPUTS.map(fixture), COPY_INPUTS.length);
  const verdict = await page.textContent('.verdict');
  assert(/identif/.test(verdict), `the originals identify people: ${verdict}`);
  await pickPrivateFolder(page, 'picked');
  await press(page, '#copy-to-folder');
  await page.waitForFunction(() => /^Done: /.test(document.querySelector('.clean-copy__done')?.textContent || ''), null, { timeout: 60000 });
  const done = await page.textContent('.clean-copy__done');
  const copied = Number((/Done: (\d+) clean cop/.exec(done) || [])[1]);
  assert(copied >= 5, `most inputs copied: ${done}`);
  // Which files were left out, and why, by their names: in the page only, never written.
  const leftOut = await page.textContent('.clean-copy__left-out');
  assert(/image_dfl\.dcm: the image may show text/.test(leftOut), `left-out list: ${leftOut}`);
  await page.screenshot({ path: join(shots, 'clean-copy-done.png'), fullPage: true });
  const files = await readPrivateFolder(page, 'picked');
  const dir = mkdtempSync(join(tmpdir(), 'dec-copy-'));
  const dicom = [];
  for (const [path, b64] of files) {
    const parts = path.split('/');
    assert(parts[0].startsWith('clean copy '), `the copy is in a new folder: ${path}`);
    const target = join(dir, ...parts.slice(1));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, Buffer.from(b64, 'base64'));
    if (!/(MANIFEST\.(json|txt)|DICOMDIR)$/.test(path)) {
      assert(/^(DIR\d{5}\/)*IM\d{6}(\.dcm)?$/.test(parts.slice(1).join('/')), `input names replaced: ${path}`);
      dicom.push(target);
    }
  }
  assert(dicom.length === copied, `${dicom.length} files written for ${copied} copies`);
  const manifest = readFileSync(join(dir, 'MANIFEST.json'), 'utf8');
  for (const name of COPY_INPUTS) assert(!manifest.includes(name), `the manifest names no input (${name})`);
  assert(JSON.parse(manifest).files_written === copied, 'the manifest counts the copies');
  assert(JSON.parse(manifest).dicomdir === copied, 'a DICOMDIR indexes every copy');
  assert(files.some(([path]) => path.endsWith('/DICOMDIR')), 'a DICOMDIR in the copy');
  for (const file of dicom) {
    const dump = spawnSync('dcmdump', ['-q', file], { encoding: 'utf8' });
    if (dump.error) break; // DCMTK is installed by .ci/setup --test; without it the core tests still run dcmdump.
    assert(dump.status === 0, `dcmdump reads ${file}: ${dump.stderr}`);
  }
  await page.close();

  const again = await newPage(env.browser, env.root.origin + '/');
  // The images with their DICOMDIR, as a viewer would open the copy.
  await uploadAndWait(again.page, [...dicom, join(dir, 'DICOMDIR')], dicom.length + 1);
  const after = await again.page.textContent('.verdict');
  assert(/name no one/.test(after), `the copy names no one: ${after}`);
  const names = await again.page.$$eval('.file-card .patient-name', (els) => els.map((e) => e.textContent.trim()).filter((t) => t && t !== '-' && t !== 'not present'));
  assert(names.length === 0, `no patient name shown on the copy's cards: ${names.join(', ')}`);
  await again.page.screenshot({ path: join(shots, 'clean-copy-rescanned.png'), fullPage: true });
  const foreign = env.browser.requests.slice(before).filter((u) => !u.startsWith(env.root.origin + '/'));
  assert(foreign.length === 0, `requests to other origins: ${foreign.join(', ')}`);
  assert(errors.length === 0 && again.errors.length === 0, `console errors: ${[...errors, ...again.errors].join(' | ')}`);
  await again.page.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a clean copy as a ZIP download where no folder can be picked; cancel removes a folder copy', async (env) => {
  const { page } = await newPage(env.browser, env.root.origin + '/');
  await page.evaluate(() => { delete window.showDirectoryPicker; delete Window.prototype.showDirectoryPicker; });
  await uploadAndWait(page, COPY_INPUTS.map(fixture), COPY_INPUTS.length);
  assert(!(await page.$('#copy-to-folder')), 'no folder button without the File System Access API');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), press(page, '#copy-to-zip')]);
  assert(download.suggestedFilename() === 'clean-copy.zip', download.suggestedFilename());
  const zipPath = join(mkdtempSync(join(tmpdir(), 'dec-zip-')), 'clean-copy.zip');
  await download.saveAs(zipPath);
  const listed = spawnSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print("\\n".join(z.namelist()))', zipPath], { encoding: 'utf8' });
  assert(listed.status === 0, `python reads the ZIP: ${listed.stderr}`);
  const members = listed.stdout.trim().split('\n');
  assert(members.includes('MANIFEST.json') && members.includes('MANIFEST.txt') && members.includes('DICOMDIR'), `manifest and DICOMDIR in the ZIP: ${members}`);
  assert(members.filter((m) => /^IM\d{6}(\.dcm)?$/.test(m)).length >= 5, `copies in the ZIP: ${members}`);
  await page.waitForFunction(() => /clean-copy\.zip/.test(document.querySelector('.clean-copy__done')?.textContent || ''));
  await page.close();
  rmSync(dirname(zipPath), { recursive: true, force: true });

  // Cancel: 300 files, stopped early; the new folder is removed with what it held.
  const { dir, paths } = manyFiles(300);
  const second = await newPage(env.browser, env.root.origin + '/');
  await second.page.setInputFiles('#file', paths);
  await second.page.waitForFunction(() => document.querySelector('#progress-text')?.textContent.startsWith('Done: 300 files'), null, { timeout: 120000 });
  await pickPrivateFolder(second.page, 'cancelled');
  await press(second.page, '#copy-to-folder');
  await second.page.waitForFunction(() => /Copying: [1-9]\d* of 300/.test(document.querySelector('#copy-status')?.textContent || ''), null, { timeout: 60000 });
  await press(second.page, '#cancel-copy');
  await second.page.waitForFunction(() => /Cancelled\./.test(document.querySelector('#copy-status')?.textContent || ''), null, { timeout: 10000 });
  let left = [];
  for (let i = 0; i < 50; i++) {
    left = await readPrivateFolder(second.page, 'cancelled');
    if (left.length === 0) break;
    await second.page.waitForTimeout(100);
  }
  assert(left.length === 0, `a cancelled copy leaves nothing: ${left.map((f) => f[0]).join(', ')}`);
  await second.page.close();
  rmSync(dir, { recursive: true, force: true });
});

test('reading the text found in an image: the reader is fetched from this origin only when asked, and says the text repeats the name', async (env) => {
  const { page, errors } = await newPage(env.browser, env.root.origin + '/');
  await page.check('#check-pixels');
  // An ultrasound with "DOE, JOHN" drawn in (tests/pixels/README.md); its header names DOE^JOHN.
  await uploadAndWait(page, [join(repo, 'tests/pixels/check/us_ybr_rle_thyroid_doe_john.dcm')], 1);
  await page.waitForSelector('.pixel-note__show', { timeout: 30000 });
  const hint = await page.textContent('.drop-zone__pixels-hint');
  assert(/about \d+ MB more/.test(hint), `the reader's download is stated beside the switch: ${hint}`);
  const before = env.browser.requests.length;
  assert(!env.browser.requests.some((u) => u.includes('/ocr/')), 'nothing of the reader fetched before it is asked for');
  await press(page, '.pixel-note__show');
  await press(page, '.pixel-note__read-button');
  await page.waitForFunction(() => /^Read[:.]/.test(document.querySelector('.pixel-note__read')?.textContent || ''), null, { timeout: 120000 });
  const said = await page.textContent('.pixel-note__read');
  assert(/repeats the patient's name/.test(said), `the name is read in the image: ${said}`);
  const fetched = env.browser.requests.slice(before);
  assert(fetched.length > 0 && fetched.every((u) => u.startsWith(env.root.origin + '/ocr/')), `only the reader's own files, from this origin: ${fetched.join(', ')}`);
  // Nothing written to storage: no IndexedDB database (tesseract.js caches there unless told not to).
  const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  assert(databases.length === 0, `no IndexedDB: ${databases}`);
  await page.screenshot({ path: join(shots, 'pixels-read.png'), fullPage: true });
  // The card with its frame and what was read: axe-core finds no serious or critical violation.
  await page.evaluate(readFileSync(join(repo, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const audit = await page.evaluate(() => axe.run(document.querySelector('.pixel-note'), { resultTypes: ['violations'] }));
  const serious = audit.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => `${v.id} (${v.impact})`);
  assert(serious.length === 0, `axe on the pixel note: ${serious.join(', ')}`);
  assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  await page.close();
});

test('a clean copy that blacks out text in the pixels: the copy, dropped back with the pixel check on, shows none', async (env) => {
  const { page, errors } = await newPage(env.browser, env.root.origin + '/');
  await page.evaluate(() => { delete window.showDirectoryPicker; delete Window.prototype.showDirectoryPicker; });
  // Two real images with text drawn in (tests/pixels/README.md): an 8-bit CT screen capture
  // and a 16-bit OT image; and an RLE ultrasound with a name drawn in, which is compressed.
  const inputs = ['check/ct_mono8_annotated_abdomen.dcm', 'check/ot_mono_overlay_test_text.dcm', 'check/us_ybr_rle_thyroid_doe_john.dcm']
    .map((f) => join(repo, 'tests/pixels', f));
  await uploadAndWait(page, inputs, 3);
  await page.click('.clean-copy__options summary');
  await page.check('#copy-black-out');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), press(page, '#copy-to-zip')]);
  const dir = mkdtempSync(join(tmpdir(), 'dec-black-out-'));
  const zipPath = join(dir, 'clean-copy.zip');
  await download.saveAs(zipPath);
  await page.waitForFunction(() => /clean-copy\.zip/.test(document.querySelector('.clean-copy__done')?.textContent || ''));
  const done = await page.textContent('.clean-copy__done');
  assert(/had text blacked out/.test(done) && /look at these/.test(done), `the manifest says what was blacked out: ${done}`);
  // The copier has no image codecs: the RLE image's pixels are not looked at, and the
  // header's 'likely shows text' leaves it out.
  assert(/us_ybr_rle_thyroid_doe_john\.dcm: the image may show text/.test(done), `the compressed ultrasound is left out, with why: ${done}`);
  const listed = spawnSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); [open(sys.argv[2] + "/" + n, "wb").write(z.read(n)) for n in z.namelist() if n.startswith("IM")]; print(len(z.namelist()))', zipPath, dir], { encoding: 'utf8' });
  assert(listed.status === 0, `python reads the ZIP: ${listed.stderr}`);
  const copies = readdirSync(dir).filter((f) => f.startsWith('IM')).map((f) => join(dir, f));
  assert(copies.length === 2, `two copies: ${copies}`);
  await page.close();
  // Checked again by the page's own pixel check: no text in either copy.
  const again = await newPage(env.browser, env.root.origin + '/');
  await again.page.check('#check-pixels');
  await uploadAndWait(again.page, copies, 2);
  await again.page.waitForFunction(() => document.querySelectorAll('.pixel-note').length === 2, null, { timeout: 30000 });
  const notes = await again.page.$$eval('.pixel-note', (els) => els.map((e) => e.textContent));
  assert(notes.every((n) => n.includes('no text found')), `the copies show no text: ${notes}`);
  assert(errors.length === 0 && again.errors.length === 0, `console errors: ${[...errors, ...again.errors].join(' | ')}`);
  await again.page.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a ZIP with an export among its members: scanned again by the export worker, nothing doubled or lost', async (env) => {
  const dir = mkdtempSync(join(tmpdir(), 'dec-zip-export-'));
  const zipPath = join(dir, 'office.zip');
  // Enough DICOM members ahead of the worklist that the first worker has sent a batch of
  // them before it meets the export and hands the whole archive on.
  const made = spawnSync('python3', ['-c', `
import zipfile, sys
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_STORED) as z:
    for i in range(400):
        z.write(sys.argv[2], 'DICOM/IM%04d' % i)
    z.write(sys.argv[3], 'worklist.csv')
`, zipPath, fixture('CT_small.dcm'), exportFixture('conquest-patients-studies.csv')]);
  assert(made.status === 0, `zip made: ${made.stderr}`);
  const { page, errors } = await newPage(env.browser, env.root.origin + '/');
  await page.setInputFiles('#file', [zipPath]);
  await page.waitForFunction(() => document.querySelector('#progress-text')?.textContent.startsWith('Done: 1 file'), null, { timeout: 60000 });
  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), press(page, '#export-json')]);
  const json = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8'));
  // As the CLI reads this archive: 401 members, the CT image's person in 400 of them and the
  // worklist's three.
  const s = json.summary;
  assert(s.files === 401 && s.files_scanned === 401 && json.files.length === 401, `members: ${s.files} ${s.files_scanned} ${json.files.length}`);
  assert(s.distinct_people === 4, `people: ${s.distinct_people}`);
  const progress = await page.textContent('#progress-text');
  assert(progress.startsWith('Done: 1 file'), `one file done, counted once: ${progress}`);
  assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  rmSync(dir, { recursive: true, force: true });
});

test('exports download masked, with counts, dates and no file names; no request while scanning but the export worker and the views module', async (env) => {
  const { page } = await newPage(env.browser, env.root.origin + '/');
  // The service worker's first cache fill is the page's own files; a scan asks for nothing
  // but, the first time an export is dropped, the export worker's own three files.
  await page.waitForSelector('#offline-status', { timeout: 60000 });
  await page.waitForTimeout(500);
  let before = env.browser.requests.length;
  await uploadAndWait(page, [fixture('CT_small.dcm')], 1);
  // The page's own views module, fetched once the first results show (served by the service
  // worker's cache), and nothing else.
  const views = ['views.js', 'views_bg.wasm'].map((name) => `${env.root.origin}/${name}`);
  await page.waitForTimeout(500);
  let during = env.browser.requests.slice(before);
  assert(during.every((u) => views.includes(u)), `requests while scanning DICOM: ${during.join(', ')}`);
  before = env.browser.requests.length;
  await uploadAndWait(page, [exportFixture('nmap-dicom.xml')], 2);
  during = env.browser.requests.slice(before);
  const ownWorker = ['export_worker_loader.js', 'export_worker.js', 'export_worker_bg.wasm']
    .map((name) => `${env.root.origin}/${name}`);
  assert(during.every((u) => ownWorker.includes(u)), `requests while scanning an export: ${during.join(', ')}`);
  assert(during.some((u) => u.endsWith('export_worker_bg.wasm')), `the export worker is fetched when first needed: ${during.join(', ')}`);
  before = env.browser.requests.length;
  await uploadAndWait(page, [exportFixture('nmap-dicom.txt')], 3);
  during = env.browser.requests.slice(before);
  assert(during.length === 0, `requests while scanning a second export: ${during.join(', ')}`);
  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), press(page, '#export-json')]);
  const json = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8'));
  assert(json.schema_version === '1.0' && /^\d{4}-\d{2}-\d{2}$/.test(json.generated), `schema ${json.schema_version} ${json.generated}`);
  assert(json.summary.files === 3 && json.tool_version, 'counts and tool version');
  assert(json.files.every((f) => /^file \d+/.test(f.file_name)), 'file names replaced');
  const raw = JSON.stringify(json);
  assert(!raw.includes('CompressedSamples') && !raw.includes('CT_small'), 'no raw name or file name in the JSON');
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), press(page, '#export-csv')]);
  const csv = readFileSync(await csvDownload.path(), 'utf8');
  const [about, header] = csv.split('\n');
  // The first line says when, by which version and over what (counts, no names, no comma).
  assert(/^# dicom-exposure-check \d+\.\d+\.\d+ report of \d{4}-\d{2}-\d{2}: \d+ files? scanned; \d+ not read; \d+ (person|people);.*values masked$/.test(about) && !about.includes(','), `CSV first line: ${about}`);
  assert(header === 'file,location,path,keyword,vr,rule_id,category,severity,value', `CSV header: ${header}`);
  assert(csv.includes('E-00100010') && csv.includes('N-DICOM-ANY-AET') && !csv.includes('CompressedSamples'), 'CSV rows masked');
  const stores = await page.evaluate(async () => ({
    local: JSON.stringify(localStorage),
    session: JSON.stringify(sessionStorage),
    idb: (await indexedDB.databases()).length,
    url: location.href,
  }));
  assert(!stores.local.includes('C***') && !stores.local.includes('Compressed'), `localStorage: ${stores.local}`);
  assert(stores.session === '{}', `sessionStorage: ${stores.session}`);
  assert(stores.idb === 0, `IndexedDB databases: ${stores.idb}`);
  assert(stores.url === env.root.origin + '/', `URL: ${stores.url}`);
  await page.emulateMedia({ media: 'print' });
  const dropHidden = await page.$eval('.drop-zone', (e) => getComputedStyle(e).display);
  assert(dropHidden === 'none', 'drop zone hidden in print');
  const printedNames = await page.$$eval('.file-card__name', (els) => els.map((e) => e.innerText.trim()));
  assert(printedNames.join() === 'File 1,File 2,File 3', `printed, files are numbered, not named: ${printedNames}`);
  await page.screenshot({ path: join(shots, 'report-print.png'), fullPage: true });
  await page.close();
});

test('the pixel check: off until turned on, then its own module is fetched once and text drawn into an ultrasound is found', async (env) => {
  const { page, errors } = await newPage(env.browser, env.root.origin + '/');
  await page.waitForSelector('#offline-status', { timeout: 60000 });
  await page.waitForTimeout(500);
  const textImage = join(repo, 'tests/pixels/tune/us_pal8_philips_ob.dcm');
  let before = env.browser.requests.length;
  // Off: the header's guess only, and nothing fetched for pixels.
  await uploadAndWait(page, [textImage], 1);
  assert(!(await page.textContent('.results')).includes('Text was found in the image'), 'no pixel finding while off');
  assert(!env.browser.requests.slice(before).some((u) => u.includes('pixel_worker')), 'pixel worker not fetched while off');
  // The size stated beside the switch is what turning it on downloads (gzipped), within 15%.
  const hint = await page.textContent('.drop-zone__pixels-hint');
  const stated = Number(/about (\d+) KiB/.exec(hint)?.[1]);
  const dist = resolve(opts.root);
  const built = readdirSync(dist).filter((f) => f.startsWith('pixel_worker'))
    .reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length, 0) / 1024;
  assert(stated > 0 && Math.abs(stated - built) <= 0.15 * built, `stated ${stated} KiB, built ${built.toFixed(0)} KiB`);
  before = env.browser.requests.length;
  await page.check('#check-pixels');
  // The file added while it was off can be checked again on request.
  const recheck = await page.textContent('#recheck-pixels');
  assert(/file added before/.test(recheck), `offered to check the file added before: ${recheck}`);
  await uploadAndWait(page, [textImage, fixture('CT_small.dcm')], 3);
  const during = env.browser.requests.slice(before);
  const fetched = during.filter((u) => u.includes('pixel_worker'));
  assert(fetched.some((u) => u.endsWith('.wasm')), `pixel worker fetched when turned on: ${during.join(', ')}`);
  assert(during.every((u) => u.startsWith(env.root.origin + '/') && u.includes('pixel_worker')), `only the pixel worker's files: ${during.join(', ')}`);
  await page.waitForFunction(() => document.querySelector('.pixel-note--text'), null, { timeout: 30000 });
  // The card says so, and CT_small's says its pixels were checked and show no text.
  const notes = await page.$$eval('.pixel-note', (els) => els.map((e) => e.textContent));
  assert(notes.length === 2 && notes[0].includes('Text is drawn into this image') && notes[1].includes('no text found'), `pixel notes: ${notes}`);
  // On request, the frame is drawn here with its boxes: the canvas holds the picture (not
  // blank) and red outlines.
  await press(page, '.pixel-note__show');
  await page.waitForSelector('.pixel-note__frame');
  const drawn = await page.$eval('.pixel-note__frame', (c) => {
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let red = 0, grey = new Set();
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] > 200 && data[i + 1] < 80 && data[i + 2] < 80) red++;
      else grey.add(data[i]);
    }
    return { width: c.width, height: c.height, red, levels: grey.size };
  });
  assert(drawn.width >= 200 && drawn.width <= 640 && drawn.red > 50 && drawn.levels > 20, `frame drawn with boxes: ${JSON.stringify(drawn)}`);
  await page.screenshot({ path: join(shots, 'pixels.png'), fullPage: true });
  // Printed, the picture is left out.
  await page.emulateMedia({ media: 'print' });
  assert(await page.$eval('.pixel-note__figure', (e) => getComputedStyle(e).display === 'none'), 'the frame is not printed');
  await page.emulateMedia({ media: 'screen' });
  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), press(page, '#export-json')]);
  const json = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8'));
  const checked = json.files.filter((f) => f.pixels);
  assert(checked.length === 2, `two files checked after the switch: ${checked.length}`);
  const withText = checked.filter((f) => f.pixels.result === 'text');
  assert(withText.length === 1 && withText[0].pixels.boxes.length > 0, `one image with text and its boxes: ${JSON.stringify(checked.map((f) => f.pixels))}`);
  assert(withText[0].findings.some((x) => x.rule_id === 'F-BURNED-IN-PIXELS'), 'the finding is in the report');
  assert(json.summary.pixels && json.summary.pixels.with_text === 1, `summary: ${JSON.stringify(json.summary.pixels)}`);
  // The picture never goes into an export.
  assert(!/luma|thumbnail/.test(readFileSync(await jsonDownload.path(), 'utf8')), 'no picture in the JSON export');
  // The file added while the check was off, checked again: three cards still, all checked.
  await press(page, '#recheck-pixels');
  await page.waitForFunction(() => document.querySelectorAll('.pixel-note').length === 3 && !document.querySelector('.file-card__pending'), null, { timeout: 30000 });
  assert((await page.$$('.file-card')).length === 3, 'no card doubled');
  assert(!(await page.$('#recheck-pixels')), 'nothing left to check again');
  assert(/Done: 1 file\b/.test(await page.textContent('#progress-text')), `progress counts the file checked again: ${await page.textContent('#progress-text')}`);
  // An archive's images: the scan workers hand their bytes on, the pixel worker looks, and
  // the members are listed in the archive's order with their checks.
  const dir = mkdtempSync(join(tmpdir(), 'dec-px-zip-'));
  const zipPath = join(dir, 'images.zip');
  const made = spawnSync('python3', ['-c', `
import zipfile, sys
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.write(sys.argv[2], 'DICOM/IM0001')
    z.writestr('README.TXT', 'Patient CD')
    z.write(sys.argv[3], 'DICOM/IM0002')
`, zipPath, textImage, fixture('CT_small.dcm')]);
  assert(made.status === 0, `zip made: ${made.stderr}`);
  await uploadAndWait(page, [zipPath], 7);
  const members = await page.$$eval('.file-card', (cards) => cards
    .map((c) => [c.querySelector('.file-card__name')?.innerText.trim(), c.querySelector('.pixel-note')?.textContent || ''])
    .filter(([name]) => name && name.startsWith('images.zip/')));
  const order = members.map(([name]) => name);
  assert(order.join() === 'images.zip/DICOM/IM0001,images.zip/README.TXT,images.zip/DICOM/IM0002', `members in order: ${order}`);
  assert(members[0][1].includes('Text is drawn into this image') && members[2][1].includes('no text found'), `members' pixel notes: ${JSON.stringify(members)}`);
  assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  await page.close();
});

test('try a sample: bundled public samples load and scan', async (env) => {
  const { page, errors } = await newPage(env.browser, env.sub.origin + SUB_PATH);
  await press(page, '#try-sample');
  await page.waitForFunction(() => document.querySelectorAll('.file-card').length >= 5 && !document.querySelector('.file-card__pending'));
  const names = await page.$$eval('.file-card__name', (els) => els.map((e) => e.innerText.trim()));
  assert(names.includes('sample/CT_small.dcm') && names.includes('sample/nmap-dicom.xml'), `samples: ${names}`);
  assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
  await page.close();
});

test('large files scan from the first bytes the page read; a file gone before it is read says so, and the rest still scan', async (env) => {
  const dir = mkdtempSync(join(tmpdir(), 'dec-large-'));
  // Over 256 KiB each: a real 788 KB CT slice, and a ZIP whose DICOM member and directory lie
  // past the first 256 KiB (the worker reads them by ranges after the page's first bytes).
  const slice = join(dir, 'ct_reformat.dcm');
  copyFileSync(join(repo, 'tests/pixels/tune/ct_reformat_bia_yes.dcm'), slice);
  const zipPath = join(dir, 'padded.zip');
  const made = spawnSync('python3', ['-c', `
import zipfile, sys, os
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_STORED) as z:
    z.writestr('PADDING.BIN', os.urandom(400 * 1024))
    z.write(sys.argv[2], 'DICOM/IM0001')
`, zipPath, fixture('CT_small.dcm')]);
  assert(made.status === 0, `zip made: ${made.stderr}`);
  const gone = join(dir, 'gone.dcm');
  copyFileSync(fixture('MR_small_RLE.dcm'), gone);
  const small = join(dir, 'CT_small.dcm');
  copyFileSync(fixture('CT_small.dcm'), small);
  const { page } = await newPage(env.browser, env.root.origin + '/');
  // Hold the choice until one chosen file is deleted from the disk, as when a USB stick is
  // pulled out between choosing and reading.
  await page.evaluate(() => {
    window.__held = null;
    window.addEventListener('change', (e) => {
      if (e.target.id === 'file' && !window.__released) { e.stopImmediatePropagation(); window.__held = true; }
    }, true);
  });
  await page.setInputFiles('#file', [slice, zipPath, gone, small]);
  await page.waitForFunction(() => window.__held === true);
  rmSync(gone);
  await page.evaluate(() => {
    window.__released = true;
    document.querySelector('#file').dispatchEvent(new Event('change', { bubbles: true }));
  });
  await page.waitForFunction(() => document.querySelectorAll('.file-card').length >= 4
    && !document.querySelector('.file-card__pending'), null, { timeout: 20000 });
  const cards = await page.$$eval('.file-card', (els) => els.map((e) => [e.querySelector('.file-card__name')?.innerText.trim(), e.innerText]));
  const card = (name) => (cards.find(([n]) => n === name) || [name, ''])[1];
  await page.screenshot({ path: join(shots, 'large-and-gone.png'), fullPage: true });
  assert(/The browser could not read this file/.test(card('gone.dcm')), `the deleted file: ${card('gone.dcm')}`);
  assert(/C\*\*\* C\*\*\*/.test(card('padded.zip/DICOM/IM0001')), `the member past the first bytes: ${card('padded.zip/DICOM/IM0001')}`);
  assert(/C\*\*\* C\*\*\*/.test(card('CT_small.dcm')), `the small file beside it: ${card('CT_small.dcm')}`);
  // The same findings as the CLI's: the burned-in flag and its UIDs, all read from the file.
  assert(/10 findings · worst: high/.test(card('ct_reformat.dcm')) && /Burned In Annotation = YES/.test(card('ct_reformat.dcm')),
    `the large slice: ${card('ct_reformat.dcm')}`);
  await page.close();
});

test('files dragged onto the drop zone are scanned (a real drop event, files in its DataTransfer)', async (env) => {
  const { page, errors } = await newPage(env.browser, env.root.origin + '/');
  const files = [
    ['CT_small.dcm', readFileSync(fixture('CT_small.dcm')).toString('base64')],
    ['nmap-dicom.xml', readFileSync(exportFixture('nmap-dicom.xml')).toString('base64')],
  ];
  // The drop zone shows it is a target while something is dragged over it.
  const over = await page.evaluate(async (files) => {
    const transfer = new DataTransfer();
    for (const [name, b64] of files) {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], name));
    }
    const zone = document.querySelector('.drop-zone');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    await new Promise((r) => setTimeout(r, 50));
    const highlighted = zone.classList.contains('drop-zone--over');
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    return highlighted;
  }, files);
  assert(over, 'the drop zone is highlighted while dragging over it');
  await page.waitForFunction(() => document.querySelectorAll('.file-card').length >= 2 && !document.querySelector('.file-card__pending'));
  const names = await page.$$eval('.file-card__name', (els) => els.map((e) => e.innerText.trim()));
  assert(names.includes('CT_small.dcm') && names.includes('nmap-dicom.xml'), `dropped: ${names}`);
  const highlighted = await page.$eval('.drop-zone', (e) => e.classList.contains('drop-zone--over'));
  assert(!highlighted, 'the highlight goes once the files are dropped');
  assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
  await page.close();
});

test('a worklist naming 1,200 people: the People view lists 500 at a time and says how many', async (env) => {
  const dir = mkdtempSync(join(tmpdir(), 'dec-people-'));
  const path = join(dir, 'patients.csv');
  const rows = ['Patient Name,MRN,Date of Birth'];
  for (let i = 0; i < 1200; i++) rows.push(`"Doe${String(i).padStart(4, '0')}, Jane",MRN${String(i).padStart(6, '0')},1970-01-${String(i % 28 + 1).padStart(2, '0')}`);
  writeFileSync(path, rows.join('\n') + '\n');
  const { page, errors } = await newPage(env.browser, env.root.origin + '/');
  await uploadAndWait(page, [path], 1);
  await page.click('[role=tab]:has-text("People")');
  await page.waitForSelector('.people-table tbody tr');
  const count = () => page.$$eval('.people-table tbody tr', (els) => els.length);
  assert((await count()) === 500, `first rows: ${await count()}`);
  const status = await page.textContent('.findings-view__count');
  assert(status === '1200 people named; the first 500 are listed', status);
  await press(page, '#more-people');
  await page.waitForFunction(() => document.querySelectorAll('.people-table tbody tr').length === 1000);
  const label = await page.textContent('#more-people');
  assert(label === 'Show 200 more people (showing 1000 of 1200)', label);
  assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
  await page.close();
  rmSync(dir, { recursive: true, force: true });
});

test('accessibility: axe-core finds no serious or critical violation; usable at 375 px', async (env) => {
  const axeSource = readFileSync(join(repo, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const { page } = await newPage(env.browser, env.root.origin + '/');
  await page.setViewportSize({ width: 375, height: 800 });
  await uploadAndWait(page, [fixture('CT_small.dcm'), exportFixture('nmap-dicom.xml')], 2);
  const problems = [];
  const audit = async (label) => {
    // Evaluated through the DevTools protocol: the page's CSP rightly forbids injected scripts.
    await page.evaluate(axeSource);
    const result = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
    for (const v of result.violations.filter((v) => ['serious', 'critical'].includes(v.impact))) {
      problems.push(`${label}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 2).map((n) => n.target).join(' ')}`);
    }
  };
  await audit('scan');
  // The views are WAI-ARIA tabs: one Tab stop, arrow keys move and focus follows.
  await page.focus('#view-files');
  await page.keyboard.press('ArrowRight');
  const moved = await page.evaluate(() => ({
    focused: document.activeElement.id,
    selected: document.querySelector('#view-people').getAttribute('aria-selected'),
    panel: !!document.querySelector('#view-people-panel[role=tabpanel][aria-labelledby=view-people]'),
    tabStops: [...document.querySelectorAll('[aria-label="Views of the results"] [role=tab]')].filter((t) => t.tabIndex === 0).length,
  }));
  assert(moved.focused === 'view-people' && moved.selected === 'true' && moved.panel && moved.tabStops === 1, `arrow keys on tabs: ${JSON.stringify(moved)}`);
  await audit('people view');
  await page.keyboard.press('End');
  assert(await page.evaluate(() => document.activeElement.id) === 'view-findings', 'End goes to the last view');
  await audit('findings view');
  await page.keyboard.press('Home');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert(width <= 375, `no sideways scrolling at 375 px (width ${width})`);
  await page.screenshot({ path: join(shots, 'narrow-375.png'), fullPage: true });
  await press(page, '#tab-checklist');
  await page.waitForSelector('#checklist-title');
  await page.evaluate(() => localStorage.clear());
  await audit('checklist');
  assert(problems.length === 0, problems.join(' | '));
  await page.close();
});


test('people and findings views: filter, search, details, reveal one value and mask it again', async (env) => {
  const { page } = await newPage(env.browser, env.root.origin + '/');
  await uploadAndWait(page, [fixture('MR_small_implicit.dcm'), fixture('MR_small_bigendian.dcm'), fixture('CT_small.dcm')], 3);
  await press(page, '#view-people');
  await page.waitForSelector('.people-table tbody tr');
  const people = await page.$$eval('.people-table tbody tr', (rows) => rows.map((r) => r.textContent));
  assert(people.length === 2, `two people: ${people}`);
  await press(page, '#view-findings');
  // Filter by one rule: only its rows remain, and the option says how many there are.
  await page.selectOption('#filter-rule', 'E-00100010');
  const ruleLabel = await page.$eval('#filter-rule', (s) => s.selectedOptions[0].textContent);
  const ruleRows = await page.$$eval('.findings--all tbody tr', (rows) => rows.map((r) => r.children[1]?.textContent));
  assert(/^Patient's Name \(\d+\)$/.test(ruleLabel) && ruleRows.length === Number(/\((\d+)\)/.exec(ruleLabel)[1])
    && ruleRows.every((t) => t === "Patient's Name"), `rule filter: ${ruleLabel} ${ruleRows}`);
  await page.selectOption('#filter-rule', '');
  await page.selectOption('#filter-severity', 'critical');
  await page.fill('#filter-search', 'patient');
  const count = await page.textContent('.findings-view__count');
  assert(/^\d+ findings? match/.test(count), count);
  const severities = await page.$$eval('.findings--all tbody .badge', (els) => [...new Set(els.map((e) => e.textContent))]);
  assert(severities.length === 1 && severities[0] === 'critical', `only critical: ${severities}`);
  await page.fill('#filter-search', 'Patient\'s Name');
  await press(page, '.findings--all button.reveal');
  const revealed = await page.textContent('.findings--all tbody tr td:nth-child(5)');
  assert(revealed.includes('CompressedSamples'), `revealed: ${revealed}`);
  const stored = await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage));
  assert(!stored.includes('CompressedSamples'), 'a revealed value is not stored');
  await press(page, '.findings--all button.reveal');
  const masked = await page.textContent('.findings--all tbody tr td:nth-child(5)');
  assert(!masked.includes('CompressedSamples') && masked.includes('***'), `masked again: ${masked}`);
  await press(page, '.findings--all button[aria-expanded]');
  const detail = await page.textContent('.finding-detail');
  assert(detail.includes('Why it matters') && detail.includes('What to do') && detail.includes('(0010,0010)'), detail);
  await page.screenshot({ path: join(shots, 'findings-view.png'), fullPage: true });
  await page.close();
});


test('a 24 MB findscu log is read in parts by the worker: every record counted, the page stays responsive', async (env) => {
  const one = readFileSync(exportFixture('findscu_study_v.txt'));
  const copies = Math.ceil((24 * 1024 * 1024) / one.length);
  const dir = mkdtempSync(join(tmpdir(), 'dec-log-'));
  const path = join(dir, 'pacs-query.txt');
  writeFileSync(path, Buffer.concat(Array(copies).fill(one)));
  const { page } = await newPage(env.browser, env.root.origin + '/');
  await page.setInputFiles('#file', [path]);
  // Timed once the file is with a worker, and only counted if the scan is still under way
  // after: a page that answers before the reading starts or after it ends proves nothing.
  await page.waitForFunction(() => document.querySelector('#progress-text')?.textContent.startsWith('Checking 1 file'));
  const t0 = Date.now();
  await page.evaluate(() => document.title);
  const roundTrip = Date.now() - t0;
  const during = await page.textContent('#progress-text');
  assert(during.startsWith('Checking 1 file'), `timed while the worker reads, but the scan was over: ${during}`);
  assert(roundTrip < 2000, `the page answered in ${roundTrip} ms while the worker reads`);
  await page.waitForFunction(() => document.querySelector('#progress-text')?.textContent.startsWith('Done'), null, { timeout: 120000 });
  const card = await page.textContent('.file-card');
  assert(card.includes(`${copies * 6} records`) && card.includes('6 people'), `all records of all parts: ${card.slice(0, 300)}`);
  // Opened, a card of thousands of findings lists 500 (named limit) and says where the rest are.
  const more = page.locator('.file-card__more button');
  assert((await more.textContent()) === 'Show the first 500', `button: ${await more.textContent()}`);
  await more.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('.file-card table.findings tbody tr').length === 500);
  const note = await page.textContent('.file-card__more');
  assert(note.includes('the All findings view lists them all') && note.includes('Show fewer'), `note: ${note}`);
  await page.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a file that crashes a worker (out of memory): it is marked failed, the worker restarts, nothing found is lost', async (env) => {
  const browser = await openBrowser({ serviceWorkers: 'block' });
  try {
    await crashAWorker(env, await browser.context.newPage());
  } finally {
    await browser.close();
  }
});

async function crashAWorker(env, page) {
  // Serve the worker loader with a line that keeps each worker's wasm instance reachable, so the
  // test can take the worker's memory to the wasm32 limit, as a huge file would.
  await page.route('**/worker_loader.js', async (route) => {
    const original = await (await route.fetch()).text();
    const keep = `for (const k of ['instantiate', 'instantiateStreaming']) {
      const f = WebAssembly[k];
      WebAssembly[k] = async function (...a) { const r = await f.apply(this, a); self.__wasm = r.instance || r; return r; };
    }\n`;
    await route.fulfill({ body: keep + original, contentType: 'text/javascript' });
  });
  await page.goto(env.root.origin + '/');
  await page.waitForSelector('.drop-zone', { timeout: 20000 });
  await uploadAndWait(page, [fixture('CT_small.dcm')], 1);
  const workers = page.workers();
  assert(workers.length > 0, 'the page runs scan workers');
  for (const w of workers) {
    const grown = await w.evaluate(() => {
      const memory = self.__wasm.exports.memory;
      for (let pages = 65536 - memory.buffer.byteLength / 65536; pages > 0; pages >>= 1) {
        try { memory.grow(pages); } catch { /* less room: try half */ }
      }
      return memory.buffer.byteLength;
    });
    assert(grown > 2 ** 31, `worker memory taken to the limit: ${grown}`);
  }
  // Files of 1 MiB: their first read needs more memory than any worker has left.
  const big = Buffer.alloc(1024 * 1024);
  readFileSync(fixture('CT_small.dcm')).copy(big);
  const dir = mkdtempSync(join(tmpdir(), 'dec-big-'));
  const victims = workers.map((_, i) => {
    writeFileSync(join(dir, `big-${i}.dcm`), big);
    return join(dir, `big-${i}.dcm`);
  });
  // Dropped together with the victims, so it waits on a worker that dies and must be re-queued.
  await page.setInputFiles('#file', [...victims, fixture('MR_small_RLE.dcm')]);
  await page.waitForFunction((n) => document.querySelectorAll('.file-card__error').length >= n, workers.length, { timeout: 30000 })
    .catch(async (e) => { throw new Error(`${e.message}; ${workers.length} workers; cards: ${await page.$$eval('.file-card', (els) => els.map((c) => c.textContent.slice(0, 120)))}`); });
  const errors = await page.$$eval('.file-card__error', (els) => els.map((e) => e.textContent));
  // A worker that never scanned has no memory left at all and dies (wasm aborts); one that did
  // may have enough to fail the read cleanly instead. Either way the file gets a clear message.
  const crashed = errors.filter((t) => t.includes('crashed') && t.includes('restarted'));
  const refused = errors.filter((t) => t.includes('more memory than this browser'));
  assert(crashed.length + refused.length === errors.length, `messages: ${errors}`);
  assert(workers.length < 2 || crashed.length > 0, `a worker crashed: ${errors}`);
  const first = await page.textContent('.file-card');
  assert(first.includes('CT_small.dcm') && first.includes('C*** C***'), `the earlier result is kept: ${first}`);
  await page.waitForFunction(() => [...document.querySelectorAll('.file-card')].some((c) => c.textContent.includes('MR_small_RLE.dcm') && c.textContent.includes('C*** M***')), null, { timeout: 30000 })
    .catch(async (e) => { throw new Error(`${e.message}; cards: ${await page.$$eval('.file-card', (els) => els.map((c) => c.textContent.slice(0, 120)))}`); });
  rmSync(dir, { recursive: true, force: true });
  await page.setInputFiles('#file', [fixture('MR_small_implicit.dcm')]);
  await page.waitForFunction(() => [...document.querySelectorAll('.file-card')].some((c) => c.textContent.includes('MR_small_implicit.dcm') && c.textContent.includes('C*** M***')), null, { timeout: 30000 })
    .catch(async (e) => { throw new Error(`${e.message}; cards: ${await page.$$eval('.file-card', (els) => els.map((c) => c.textContent.slice(0, 120)))}`); });
  await page.close();
}

test('a worker that stops answering: its file is marked failed, the worker restarts, the rest goes on', async (env) => {
  const { page } = await newPage(env.browser, env.root.origin + '/');
  await page.waitForFunction(() => true);
  for (let i = 0; i < 50 && page.workers().length === 0; i++) await page.waitForTimeout(100);
  const workers = page.workers();
  assert(workers.length > 0, 'the page runs scan workers');
  // Silence every worker, as a panic or out-of-memory inside wasm would.
  for (const w of workers) await w.evaluate(() => { self.postMessage = () => {}; });
  await page.setInputFiles('#file', [fixture('CT_small.dcm'), fixture('MR_small_RLE.dcm')]);
  await page.waitForFunction(() => document.querySelectorAll('.file-card__error').length >= 2, null, { timeout: 60000 });
  const errors = await page.$$eval('.file-card__error', (els) => els.map((e) => e.textContent));
  assert(errors.every((t) => t.includes('stopped answering') && t.includes('restarted')), `messages: ${errors}`);
  await page.setInputFiles('#file', [fixture('MR_small_implicit.dcm')]);
  await page.waitForFunction(() => [...document.querySelectorAll('.file-card')].some((c) => c.textContent.includes('MR_small_implicit.dcm') && c.textContent.includes('C*** M***')), null, { timeout: 30000 });
  await page.close();
});

test('focus: "Show all" in a card moves the focus to the first finding it adds, by keyboard', async (env) => {
  const { page } = await newPage(env.browser, env.root.origin + '/');
  await uploadAndWait(page, [fixture('CT_small.dcm')], 1);
  const button = '.file-card .file-card__more button';
  const before = await page.$$eval('.file-card tbody tr', (rows) => rows.length);
  await press(page, button);
  await page.waitForFunction((n) => document.querySelectorAll('.file-card tbody tr').length > n, before);
  const focused = await page.evaluate(() => {
    const rows = [...document.querySelectorAll('.file-card tbody tr')];
    return { index: rows.indexOf(document.activeElement), tag: document.activeElement.tagName };
  });
  assert(focused.tag === 'TR' && focused.index === before, `focus after "Show all": ${JSON.stringify(focused)} (rows before: ${before})`);
  // Showing fewer keeps the focus where the user is; scanning more files takes it nowhere.
  await press(page, button);
  assert(await page.evaluate(() => document.activeElement.tagName) === 'BUTTON', 'focus stays on "Show fewer"');
  await page.setInputFiles('#file', [fixture('MR_small_RLE.dcm')]);
  await page.waitForFunction(() => document.querySelectorAll('.file-card').length >= 2 && !document.querySelector('.file-card__pending'));
  assert(await page.evaluate(() => document.activeElement.tagName) !== 'TR', 'a new result does not take the focus');
  await page.close();
});

// ---- offline and installable --------------------------------------------------------------

/** The files the build's service worker caches, as it lists them. */
function serviceWorkerFiles(dist) {
  const source = readFileSync(join(dist, 'sw.js'), 'utf8');
  return { version: source.match(/const VERSION = "([0-9a-f]+)"/)[1], files: JSON.parse(source.match(/const FILES = (\[.*\]);/)[1]) };
}

/** The URLs in the page's caches, by cache name. */
function cachedUrls(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) {
      out[name] = (await (await caches.open(name)).keys()).map((r) => r.url);
    }
    return out;
  });
}

/** Run `fn` on a copy of the root build served by its own server, in a browser of its own
 * (a fresh profile: no service worker yet), and clean up after it. */
async function onOwnSite(prefix, fn) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(resolve(opts.root), dir, { recursive: true });
  const server = await staticServer(dir);
  const browser = await openBrowser();
  try {
    await fn({ dir, server, browser, base: server.origin + '/' });
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('offline: after one visit the page opens, scans, exports and prints with the network off and with the server gone', async () => {
  await onOwnSite('dec-offline-', async ({ dir, server, browser, base }) => {
    const { page, errors } = await newPage(browser, base);
    await page.waitForSelector('#offline-status', { timeout: 60000 });
    assert((await page.textContent('#offline-status')).includes('Works offline'), 'says it works offline');
    const { version, files } = serviceWorkerFiles(dir);
    const cached = await cachedUrls(page);
    assert(Object.keys(cached).join() === `dicom-exposure-check-${version}`, `one cache, this version: ${Object.keys(cached)}`);
    const expected = files.map((f) => new URL(f, base).href).sort();
    assert(JSON.stringify(cached[`dicom-exposure-check-${version}`].sort()) === JSON.stringify(expected), 'the cache holds exactly the build');
    const foreign = browser.requests.filter((u) => !u.startsWith(base));
    assert(foreign.length === 0, `requests to other origins: ${foreign.join(', ')}`);

    // Chromium's offline mode: reload, scan, export, print.
    await browser.context.setOffline(true);
    await page.reload();
    await page.waitForSelector('.drop-zone', { timeout: 20000 });
    await uploadAndWait(page, [fixture('CT_small.dcm')], 1);
    const name = (await page.textContent('.file-card .patient-name')).trim();
    assert(name === 'C*** C***', `scanned offline: "${name}"`);
    const [download] = await Promise.all([page.waitForEvent('download'), press(page, '#export-json')]);
    const json = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert(json.summary.files === 1, 'JSON export offline');
    await page.emulateMedia({ media: 'print' });
    const printed = await page.$$eval('.file-card__name', (els) => els.map((e) => e.innerText.trim()));
    assert(printed.join() === 'File 1', `prints offline: ${printed}`);
    await page.emulateMedia({ media: 'screen' });
    await page.screenshot({ path: join(shots, 'offline-scan.png'), fullPage: true });

    // The server gone (the network back on): the page still opens and scans.
    await browser.context.setOffline(false);
    server.close();
    await new Promise((r) => setTimeout(r, 300));
    await page.reload();
    await page.waitForSelector('.drop-zone', { timeout: 20000 });
    await uploadAndWait(page, [fixture('MR_small_RLE.dcm')], 1);
    const mr = (await page.textContent('.file-card .patient-name')).trim();
    assert(mr === 'C*** M***', `scanned with the server gone: "${mr}"`);
    // Nothing about the files checked is kept: the cache still holds only the build.
    const after = await cachedUrls(page);
    assert(JSON.stringify(after[`dicom-exposure-check-${version}`].sort()) === JSON.stringify(expected), 'cache unchanged by scans');
    const stored = await page.evaluate(async () => JSON.stringify(localStorage) + (await indexedDB.databases()).length);
    assert(!stored.includes('C***') && !stored.includes('Compressed'), `storage: ${stored}`);
    assert(errors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED') && !e.includes('Failed to fetch')).length === 0, `console errors: ${errors.join(' | ')}`);
    await page.close();
  });
});

test('a new deploy: an open tab is told a new version is ready, and its reload uses the new cache', async () => {
  await onOwnSite('dec-deploy-', async ({ dir, browser, base }) => {
    const { page } = await newPage(browser, base);
    await page.waitForSelector('#offline-status', { timeout: 60000 });
    assert(!(await page.$('#offline-update')), 'no update offered before a deploy');
    const { version } = serviceWorkerFiles(dir);
    // A deploy: the build's hash (and so its service worker) changes.
    const next = version.split('').reverse().join('');
    const sw = readFileSync(join(dir, 'sw.js'), 'utf8').replace(version, next);
    writeFileSync(join(dir, 'sw.js'), sw);
    // The page asks for a new version when it is shown again (and every hour).
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await page.waitForSelector('#offline-update', { timeout: 60000 });
    const offer = await page.textContent('#offline-update');
    assert(offer.includes('new version'), `offer: ${offer}`);
    await page.screenshot({ path: join(shots, 'new-version.png') });
    await Promise.all([page.waitForEvent('load', { timeout: 30000 }), press(page, '#offline-update button')]);
    await page.waitForSelector('#offline-status', { timeout: 60000 });
    const names = Object.keys(await cachedUrls(page));
    assert(names.join() === `dicom-exposure-check-${next}`, `only the new cache is left: ${names}`);
    await page.close();
  });
});

test(`installable under ${SUB_PATH}: a manifest with icons, a service worker scoped to the sub-path`, async (env) => {
  const base = env.sub.origin + SUB_PATH;
  const { page } = await newPage(env.browser, base);
  await page.waitForSelector('#offline-status', { timeout: 60000 });
  const found = await page.evaluate(async () => {
    const link = document.querySelector('link[rel="manifest"]');
    const manifest = await (await fetch(link.href)).json();
    const icons = [];
    for (const icon of manifest.icons) {
      const response = await fetch(new URL(icon.src, link.href));
      icons.push([icon.sizes, response.ok, response.headers.get('content-type')]);
    }
    const registration = await navigator.serviceWorker.getRegistration();
    return { manifest, manifestUrl: link.href, icons, scope: registration.scope, controlled: !!navigator.serviceWorker.controller };
  });
  assert(found.manifestUrl === base + 'manifest.webmanifest', `manifest at ${found.manifestUrl}`);
  assert(found.manifest.start_url === './' && found.manifest.display === 'standalone' && found.manifest.name, 'manifest fields');
  assert(found.icons.some(([s, ok]) => s === '192x192' && ok) && found.icons.some(([s, ok]) => s === '512x512' && ok), `icons: ${JSON.stringify(found.icons)}`);
  assert(found.scope === base, `service worker scope: ${found.scope}`);
  assert(found.controlled, 'the page is served by its service worker');
  await page.close();
});

/** The value of `id` (or `id.attr`) in locales/<lang>/<file>.ftl, for one-line values. */
function ftl(lang, file, key) {
  const [id, attr] = key.split('.');
  const lines = readFileSync(join(repo, 'locales', lang, `${file}.ftl`), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${id} =`));
  assert(start >= 0, `${lang}/${file}.ftl has ${id}`);
  if (!attr) return lines[start].slice(id.length + 2).trim();
  const line = lines.slice(start + 1).find((l) => l.trim().startsWith(`.${attr} =`));
  return line.trim().slice(attr.length + 3).trim();
}

test('languages: Spanish from the browser, German from the switch (kept after a reload), English fetches no catalogue; axe-core clean in all three', async (env) => {
  const axeSource = readFileSync(join(repo, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const problems = [];
  const audit = async (page, label) => {
    await page.evaluate(axeSource);
    const result = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
    for (const v of result.violations.filter((v) => ['serious', 'critical'].includes(v.impact))) {
      problems.push(`${label}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 2).map((n) => n.target).join(' ')}`);
    }
  };
  const walk = async (page, lang) => {
    await uploadAndWait(page, [fixture('CT_small.dcm'), exportFixture('nmap-dicom.xml')], 2);
    await audit(page, `${lang} scan`);
    await press(page, '#view-findings');
    // The details of the patient's name: its explanation comes from the Names category.
    await page.selectOption('#filter-rule', 'E-00100010');
    await page.click('#view-findings-panel tbody tr button[aria-expanded]');
    await page.waitForSelector('.finding-detail');
    await audit(page, `${lang} findings`);
    const findings = await page.textContent('#view-findings-panel');
    await page.selectOption('#filter-rule', '');
    await press(page, '#tab-checklist');
    await page.waitForSelector('#checklist-title');
    await audit(page, `${lang} checklist`);
    const checklist = await page.textContent('main');
    if (lang !== 'en') {
      // A first step of the patient's path, for the eyes of whoever checks a translation.
      await press(page, `button:has-text("${ftl(lang, 'checklist', 'checklist-choose-patient')}")`);
      await page.waitForSelector('.step');
      await audit(page, `${lang} checklist step`);
      await page.screenshot({ path: join(shots, `checklist-${lang}.png`), fullPage: true });
      await press(page, '#checklist-reset');
    }
    await press(page, '#tab-scan');
    await press(page, '#view-files');
    return { findings, checklist };
  };

  // Service workers blocked: the page's own requests only (the service worker caches every
  // language for offline use once the page is ready, which is not the page asking for one).
  const english = await openBrowser({ serviceWorkers: 'block' });
  try {
    const { page, errors } = await newPage(english, env.root.origin + '/');
    assert(await page.getAttribute('html', 'lang') === 'en', 'English page');
    await walk(page, 'en');
    assert(!english.requests.some((u) => u.includes('/locales/')), `English fetches no catalogue: ${english.requests.filter((u) => u.includes('/locales/'))}`);
    assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
  } finally {
    await english.close();
  }

  const spanish = await openBrowser({ locale: 'es-MX', serviceWorkers: 'block' });
  try {
    const { page, errors } = await newPage(spanish, env.root.origin + '/');
    await page.waitForFunction(() => document.documentElement.lang === 'es' && document.querySelector('#language').value === 'es');
    await page.waitForFunction((t) => document.querySelector('.promise').textContent.includes(t), ftl('es', 'page', 'page-promise-strong'));
    const { findings, checklist } = await walk(page, 'es');
    const verdict = await page.textContent('.verdict');
    assert(verdict.startsWith('Este archivo') || verdict.startsWith('Estos 2 archivos'), `verdict in Spanish: ${verdict}`);
    assert(findings.includes(ftl('es', 'core', 'category-names.why')), 'a category explanation in Spanish');
    assert(!findings.includes('A name tells anyone who holds the file'), 'no English explanation left');
    assert(checklist.includes(ftl('es', 'core', 'path-patient')) || checklist.includes(ftl('es', 'checklist', 'checklist-title')), 'checklist in Spanish');
    // A file the tool does not read says what it is, in Spanish (the reader's facts, worded here).
    await page.setInputFiles('#file', [{ name: 'informe.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n') }]);
    await page.waitForFunction(() => [...document.querySelectorAll('.file-card')].some((c) => c.textContent.includes('informe.pdf') && !c.querySelector('.file-card__pending')));
    const pdf = await page.$$eval('.file-card', (els) => els.map((e) => e.textContent).find((t) => t.includes('informe.pdf')));
    assert(pdf.includes(ftl('es', 'core', 'notread-pdf')) && pdf.includes('No es un formato'), `PDF message in Spanish: ${pdf}`);
    const catalogues = spanish.requests.filter((u) => u.includes('/locales/'));
    assert(catalogues.length > 0 && catalogues.every((u) => u.startsWith(env.root.origin + '/locales/es/')), `only Spanish catalogues, from this origin: ${catalogues}`);
    const kept = await page.evaluate(() => localStorage.getItem('dicom-exposure-check.lang'));
    assert(kept === null, `a language from the browser is not stored: ${kept}`);

    // The switch: German, stored as a language code only, kept after a reload.
    await page.selectOption('#language', 'de');
    await page.waitForFunction(() => document.documentElement.lang === 'de');
    assert(await page.title() === ftl('de', 'page', 'page-title'), `German title: ${await page.title()}`);
    await page.waitForFunction((t) => document.querySelector('.verdict')?.textContent.startsWith(t), 'Diese');
    const stored = await page.evaluate(() => ({ ...localStorage }));
    assert(stored['dicom-exposure-check.lang'] === 'de', `the language is stored: ${JSON.stringify(stored)}`);
    assert(Object.keys(stored).every((k) => ['dicom-exposure-check.lang', 'dicom-exposure-check.checklist'].includes(k)) && !JSON.stringify(stored).includes('C***') && !JSON.stringify(stored).includes('Compressed'), `nothing else stored, nothing about files: ${JSON.stringify(stored)}`);
    const download = page.waitForEvent('download');
    await press(page, '#export-csv');
    const csv = readFileSync(await (await download).path(), 'utf8');
    assert(csv.split('\n')[1].startsWith('datei,ort,pfad'), `German CSV headers: ${csv.split('\n').slice(0, 2).join(' / ')}`);
    await page.reload();
    await page.waitForSelector('.drop-zone');
    await page.waitForFunction(() => document.documentElement.lang === 'de' && document.querySelector('#language').value === 'de');
    const { findings: befunde } = await walk(page, 'de');
    assert(befunde.includes(ftl('de', 'core', 'category-names.why')), 'a category explanation in German');
    await page.screenshot({ path: join(shots, 'german-scan.png'), fullPage: true });
    assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
  } finally {
    await spanish.close();
  }
  assert(problems.length === 0, problems.join(' | '));
});

// ---- main ---------------------------------------------------------------------------------

const subRoot = mkdtempSync(join(tmpdir(), 'dec-sub-'));
cpSync(resolve(opts.sub), join(subRoot, SUB_PATH), { recursive: true });
// A build for the root given as --sub (easy to do with --only) fails each sub-path test on some
// missing file; each of them says why instead.
const subBuiltFor = readFileSync(join(resolve(opts.sub), 'index.html'), 'utf8').includes(`="${SUB_PATH}`);
const subServer = await staticServer(subRoot);
const env = {
  root: await staticServer(resolve(opts.root)),
  get sub() {
    if (!subBuiltFor) {
      throw new Error(`--sub ${opts.sub} is not a build for ${SUB_PATH}: make one with `
        + `.ci/build_page --dist dist-sub --public-url ${SUB_PATH}`);
    }
    return subServer;
  },
  foreign: await foreignServer(),
  browser: await openBrowser(),
};
let passed = 0;
let failed = 0;
for (const t of tests.filter((t) => t.name.includes(opts.only))) {
  const started = Date.now();
  try {
    await t.fn(env);
    passed++;
    console.log(`ok   ${t.name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${t.name}: ${e.message}`);
  }
}
await env.browser.close();
env.root.close();
subServer.close();
env.foreign.close();
rmSync(subRoot, { recursive: true, force: true });
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
