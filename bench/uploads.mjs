import { median, startChat } from './stats.mjs';

/** Bytes per upload: under the emulator's 10,240 KB per file and its total cap over the runs. */
const fileBytes = 4_000_000;

/**
 * A visitor's file to the emulator on loopback, in real Chromium: the widget's HTTP upload
 * (`sendFile()`: the presigned PUT with its progress events) against a plain `fetch` PUT of
 * the same file to an address granted the same way, in the same page and run, both timed
 * by Resource Timing. Also the whole way, from `sendFile()` to the acknowledged message
 * (onAttachment, the PUT, UploadSuccessEvent, the message and its echo).
 */
export async function measureUploads(browser, origin, runs) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const widget = [];
  const plain = [];
  const whole = [];
  try {
    await startChat(page, `${origin('localhost')}/`, `Bench uploads ${crypto.randomUUID().slice(0, 8)}`);
    for (let run = 0; run < runs; run++) {
      const timing = await page.evaluate(uploadBoth, fileBytes);
      widget.push(timing.widgetPutMs);
      plain.push(timing.fetchPutMs);
      whole.push(timing.wholeMs);
    }
  } finally {
    await context.close();
  }
  const throughput = (ms) => Math.round((fileBytes / 1_000_000 / (ms / 1000)) * 10) / 10;
  return [
    {
      figure: `Upload throughput of a ${fileBytes / 1_000_000} MB file to the emulator (the widget's PUT, with progress)`,
      value: throughput(median(widget)),
      unit: 'MB/s',
      baseline: throughput(median(plain)),
      baselineLabel: 'a plain fetch PUT of the same file',
      higherIsBetter: true,
    },
    { figure: `sendFile() of a ${fileBytes / 1_000_000} MB file to the acknowledged message`, value: Math.round(median(whole)), unit: 'ms' },
  ];
}

/** In the page: one file through the widget, then the same bytes by a plain fetch to an address of its own. */
async function uploadBoth(size) {
  const element = document.querySelector('persistent-chat');
  const bytes = new Uint8Array(size);
  bytes.set(new TextEncoder().encode('%PDF-1.4\n'));
  const file = new File([bytes], `bench-${crypto.randomUUID().slice(0, 8)}.pdf`, { type: 'application/pdf' });
  performance.clearResourceTimings();
  const started = performance.now();
  await element.sendFile(file);
  const wholeMs = performance.now() - started;
  const put = performance.getEntriesByType('resource').find((entry) => entry.name.includes('/emulator/uploads/'));

  // The baseline's grant: a session of its own, asked for an upload address as the widget asks.
  const socket = new WebSocket(element.getAttribute('endpoint').replace(/\?.*$/, '') + `?deploymentId=${element.getAttribute('deployment-id')}`);
  const frames = [];
  const next = (test) =>
    new Promise((resolve) => {
      const look = () => {
        const found = frames.find(test);
        if (found) resolve(found);
        else setTimeout(look, 5);
      };
      look();
    });
  socket.onmessage = (event) => frames.push(JSON.parse(event.data));
  await new Promise((resolve) => (socket.onopen = resolve));
  const token = crypto.randomUUID();
  socket.send(JSON.stringify({ action: 'configureSession', token, deploymentId: element.getAttribute('deployment-id'), tracingId: crypto.randomUUID() }));
  await next((frame) => frame.class === 'SessionResponse');
  const attachmentId = crypto.randomUUID();
  socket.send(JSON.stringify({ action: 'onAttachment', token, tracingId: crypto.randomUUID(), attachmentId, fileName: 'baseline.pdf', fileType: 'application/pdf', fileSize: size, errorsAsJson: true }));
  const grant = await next((frame) => frame.class === 'PresignedUrlResponse');
  performance.clearResourceTimings();
  const response = await fetch(grant.body.url, { method: 'PUT', headers: { ...grant.body.headers, 'Content-Type': 'application/pdf' }, body: file });
  // Its timing entry is made once the answer's body is read.
  await response.text();
  const plain = performance.getEntriesByType('resource').find((entry) => entry.name.includes('/emulator/uploads/'));
  socket.close();
  return { widgetPutMs: put.responseEnd - put.startTime, fetchPutMs: plain.responseEnd - plain.startTime, wholeMs };
}
