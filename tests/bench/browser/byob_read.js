// Loaded into the bench tools' file-input page (input_page.mjs): a chosen file read whole
// with a BYOB reader into `buffer`, as the page reads small files. Returns the bytes as a view
// of the buffer the reader hands back (the one passed in is detached).
window.readIntoBuffer = async (file, buffer) => {
  const reader = file.stream().getReader({ mode: 'byob' });
  let at = 0;
  for (;;) {
    const { value, done } = await reader.read(new Uint8Array(buffer, at, buffer.byteLength - at));
    if (value) buffer = value.buffer;
    if (done) break;
    at += value.byteLength;
  }
  return new Uint8Array(buffer, 0, at);
};
