/** Real-time sleep for tests, shaped like the runtime clock's `sleep(ms, signal)`. */
export const realSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error("aborted"));
    const handle = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(handle);
      reject(new Error("aborted"));
    }, { once: true });
  });
