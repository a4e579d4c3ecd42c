/**
 * Work in slices: a long build is a generator that yields every so often, so the holder can run it between
 * requests instead of holding the event loop.
 */

/** Steps of a build: a generator that yields whenever it has done a slice of work. */
export type BuildSteps<T> = Generator<void, T, void>;

/** Runs a build to the end at once. */
export function runNow<T>(steps: BuildSteps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Runs a build in slices of about `sliceMs`, letting requests through in between. Also pauses after a few
 * steps regardless of the clock: on Workers the clock stands still while code runs.
 */
export async function runSliced<T>(steps: BuildSteps<T>, sliceMs = 6, alive: () => boolean = () => true) {
  let start = performance.now();
  let count = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (++count >= 8 || performance.now() - start > sliceMs) {
      await pause();
      if (!alive()) throw new Error('registry build abandoned');
      start = performance.now();
      count = 0;
    }
  }
}

/** Positions 0..n-1 sorted by `before` (a strict order), by a bottom-up merge sort that yields as it goes. */
export function* sortSteps(n: number, before: (a: number, b: number) => boolean): BuildSteps<Int32Array> {
  let src = new Int32Array(n);
  for (let i = 0; i < n; i++) src[i] = i;
  let dst = new Int32Array(n);
  const RUN = 32;
  let work = 0;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo + 1; i < hi; i++) {
      const x = src[i] as number;
      let j = i - 1;
      while (j >= lo && before(x, src[j] as number)) {
        src[j + 1] = src[j] as number;
        j--;
      }
      src[j + 1] = x;
    }
    work += RUN * 4;
    if (work >= 8192) {
      work = 0;
      yield;
    }
  }
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      for (let k = lo; k < hi; k++) {
        if (j >= hi || (i < mid && !before(src[j] as number, src[i] as number))) dst[k] = src[i++] as number;
        else dst[k] = src[j++] as number;
        if (++work >= 8192) {
          work = 0;
          yield;
        }
      }
    }
    [src, dst] = [dst, src];
  }
  return src;
}
