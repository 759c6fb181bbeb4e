// Injected by bench.mjs into the real page (dist/index.html; same origin, so its CSP allows it).
// The corpus files are fetched into memory first; only the scans are timed.
window.decBench = {
  buffers: [],
  names: [],

  async load(urls) {
    this.names = urls.map((u) => u.split('/').pop());
    // In batches: thousands of requests at once fail with ERR_INSUFFICIENT_RESOURCES.
    this.buffers = [];
    for (let i = 0; i < urls.length; i += 50) {
      const batch = urls.slice(i, i + 50).map(async (u) => {
        const r = await fetch(u);
        if (!r.ok) throw new Error(`${u}: HTTP ${r.status}`);
        return r.arrayBuffer();
      });
      this.buffers.push(...(await Promise.all(batch)));
    }
    return this.buffers.reduce((sum, b) => sum + b.byteLength, 0);
  },

  // Our scan, the product's real path: the files go into the page's file input as a change
  // event; the page reads each through Blob.slice, the worker scans it, the page renders the
  // cards. Done when every card is there and none is pending.
  async ours() {
    const n = this.buffers.length;
    const dt = new DataTransfer();
    this.buffers.forEach((b, i) => dt.items.add(new File([b], this.names[i])));
    const input = document.querySelector('#file');
    const t0 = performance.now();
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    // The page draws the first 100 cards; the progress line says when all n are done.
    await new Promise((resolve) => {
      const check = () => {
        const text = document.querySelector('#progress-text')?.textContent || '';
        if (text.startsWith(`Done: ${n} files`)) resolve();
        else setTimeout(check, 20);
      };
      check();
    });
    return { ms: performance.now() - t0 };
  },

  // Untimed, after ours(): show every card, a hundred at a time as a user would, and count
  // the failed ones.
  async count() {
    for (let button; (button = document.querySelector('#show-all'));) {
      button.click();
      await new Promise((r) => setTimeout(r, 0));
    }
    await new Promise((r) => setTimeout(r, 200));
    return {
      cards: document.querySelectorAll('.file-card').length,
      failed: document.querySelectorAll('.file-card__error').length,
    };
  },

  // dicom-parser, main thread: header up to Pixel Data, then name, ID and birth date.
  dicomParser() {
    let failed = 0;
    let firstError = '';
    let chars = 0;
    const t0 = performance.now();
    for (const buffer of this.buffers) {
      try {
        const ds = dicomParser.parseDicom(new Uint8Array(buffer), { untilTag: 'x7fe00010' });
        for (const tag of ['x00100010', 'x00100020', 'x00100030']) chars += (ds.string(tag) || '').length;
      } catch (e) {
        failed++;
        firstError ||= String(e && e.exception ? e.exception : e);
      }
    }
    return { ms: performance.now() - t0, failed, firstError, chars };
  },
};
