/** How long an upload may go without a byte moving or an answer before it is given up (and tried again). */
const stallMs = 60_000;

/** The HTTP upload failed: `status` 0 when the network cut it off, else what the host answered. */
export class PutFailedError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'PutFailedError';
  }
}

/**
 * `PUT`s the bytes as the body, with `headers`. An XMLHttpRequest rather than `fetch`: only
 * it reports upload progress in every browser (a streamed `fetch` body needs HTTP/2 and is
 * not in Firefox). Credentials are never sent: the address carries its own signature.
 */
export function httpPut(url: string, body: Blob, headers: Readonly<Record<string, string>>, progress: (fraction: number) => void, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new DOMException('The upload was cancelled', 'AbortError'));
    const request = new XMLHttpRequest();
    request.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    // No time limit on the whole (a large file on a slow line takes long), but one on silence:
    // an upload that moves no byte, and gets no answer, for a minute is cut and tried again.
    let heardAt = Date.now();
    const watchdog = setInterval(() => {
      if (Date.now() - heardAt < stallMs) return;
      stalled = true;
      request.abort();
    }, stallMs / 6);
    let stalled = false;
    request.upload.onprogress = (event) => {
      heardAt = Date.now();
      if (event.lengthComputable && event.total > 0) progress(event.loaded / event.total);
    };
    const onAbort = (): void => request.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    const done = (): void => {
      clearInterval(watchdog);
      signal.removeEventListener('abort', onAbort);
    };
    request.onload = () => {
      done();
      if (request.status >= 200 && request.status < 300) {
        progress(1);
        resolve();
      } else reject(new PutFailedError(`the upload host answered ${request.status}`, request.status));
    };
    request.onerror = () => {
      done();
      reject(new PutFailedError('the upload was cut off', 0));
    };
    request.onabort = () => {
      done();
      reject(stalled ? new PutFailedError(`the upload stalled for ${stallMs / 1000} s`, 0) : new DOMException('The upload was cancelled', 'AbortError'));
    };
    request.send(body);
  });
}
