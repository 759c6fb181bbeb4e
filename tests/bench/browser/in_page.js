// Injected by bench.mjs into the real page (dist/index.html; same origin, so its CSP allows it).
// Both sides are timed as a user meets them: the files are chosen through a file input (the
// browser reads them from disk), never fetched into memory first.
window.decBench = {
  // Untimed, after our scan: show every card, a hundred at a time as a user would, and count
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

  // Main-thread tasks over 50 ms (the Long Tasks API), from now on.
  watchLongTasks() {
    window.decBenchLong = [];
    window.decBenchWatchFrom = performance.now();
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.decBenchLong.push(entry);
    }).observe({ type: 'longtask' });
  },

  longTasks() {
    const entries = window.decBenchLong || [];
    const durations = entries.map((e) => e.duration);
    return {
      longTasks: durations.length,
      longestTaskMs: Math.max(0, ...durations),
      // [start ms after the choice, duration ms]: where in the scan the page stalls.
      longTaskTimes: entries.map((e) => [Math.round(e.startTime - window.decBenchWatchFrom), Math.round(e.duration)]),
    };
  },

  // A file input of the bench's own, for dicom-parser (the page's own input starts our scan).
  addInput() {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.id = 'bench-files';
    input.hidden = true;
    document.body.append(input);
  },

  // dicom-parser, main thread, on the files chosen in #bench-files: each read with
  // File.arrayBuffer(), header up to Pixel Data, then name, ID and birth date.
  async dicomParser() {
    let failed = 0;
    let firstError = '';
    let chars = 0;
    let bytes = 0;
    for (const file of document.querySelector('#bench-files').files) {
      const buffer = await file.arrayBuffer();
      bytes += buffer.byteLength;
      try {
        const ds = dicomParser.parseDicom(new Uint8Array(buffer), { untilTag: 'x7fe00010' });
        for (const tag of ['x00100010', 'x00100020', 'x00100030']) chars += (ds.string(tag) || '').length;
      } catch (e) {
        failed++;
        firstError ||= String(e && e.exception ? e.exception : e);
      }
    }
    return { failed, firstError, chars, bytes };
  },
};
