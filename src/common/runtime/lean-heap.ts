import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * V8's garbage-collector settings for a probe that should stay small yet fast: imported first by
 * `main.ts`, before the modules load.
 *
 * By default V8 grows the young generation to 2 × 16 MiB at the first burst and lets the old
 * generation grow to twice its live size before collecting it: about 30 MiB of resident memory that
 * a probe answering from a cached sample never needs. Keeping the young generation at its initial
 * 2 × 1 MiB instead (as this module did first) costs a scavenge every couple of hundred requests:
 * about 5 µs of garbage collection per metric read, a fifth of a request (docs/BENCHMARKS.md).
 * So the young generation may grow, but only up to 2 × 2 MiB (about 1.8 µs of GC per read, 1 to
 * 2 MB more resident than 2 × 1 MiB; 2 × 4 MiB gave 1.2 µs for 7 MB more), and the old generation grows by 10 % of its live size between two full
 * collections. `--max-semi-space-size` would cap the young generation, but only from the command
 * line; `--semi-space-growth-factor` and `--heap-growing-percent` are read by V8 each time it sizes
 * a space, so they work when set from the program: the growth factor is switched to 1 once the
 * young generation reaches its cap (and back to 2 if V8 shrinks it while idle).
 *
 * Heap flags given on the command line or in NODE_OPTIONS are the operator's choice: then nothing
 * is changed.
 */
export const LEAN_HEAP_FLAGS = ['--heap-growing-percent=10'] as const;

/** The young generation's cap: two semi-spaces of 2 MiB. */
export const YOUNG_GENERATION_CAP_BYTES = 2 * 2 * 1024 * 1024;

const HEAP_FLAG = /--(max|min)-semi-space-size|--semi-space-growth-factor|--heap-growing-percent|--optimize-for-size/;

export function operatorSetHeapFlags(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  return execArgv.some((arg) => HEAP_FLAG.test(arg)) || HEAP_FLAG.test(nodeOptions ?? '');
}

/** The growth factor for a young generation of `newSpaceBytes`: 1 (no growth) at the cap, V8's 2 below. */
export function semiSpaceGrowthFactor(newSpaceBytes: number, capBytes = YOUNG_GENERATION_CAP_BYTES): 1 | 2 {
  return newSpaceBytes >= capBytes ? 1 : 2;
}

/**
 * Keeps the young generation at most `capBytes`: watches the collections while it grows (V8's factor
 * 2 below the cap), stops its growth (factor 1) at the cap and then stops watching: Node builds an
 * entry for every collection it reports, about 0.3 µs per request under load. V8 shrinks the young
 * generation after an idle spell; a check every 2 s (with the sampler's wake-ups) watches again
 * when it is below the cap, so that it can grow at the next burst.
 */
export function capYoungGeneration(capBytes = YOUNG_GENERATION_CAP_BYTES): { stop(): void } {
  let factor = 1;
  let watching = false;
  const newSpaceBytes = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
  const adjust = () => {
    const wanted = semiSpaceGrowthFactor(newSpaceBytes(), capBytes);
    if (wanted !== factor) {
      factor = wanted;
      setFlagsFromString(`--semi-space-growth-factor=${wanted}`);
    }
  };
  const observer = new PerformanceObserver(() => {
    adjust();
    if (factor === 1 && watching) {
      observer.disconnect();
      watching = false;
    }
  });
  const check = () => {
    adjust();
    if (factor === 2 && !watching) {
      observer.observe({ entryTypes: ['gc'] });
      watching = true;
    }
  };
  check();
  const timer = setInterval(check, 2000).unref();
  return {
    stop: () => {
      clearInterval(timer);
      observer.disconnect();
    },
  };
}

if (!operatorSetHeapFlags(process.execArgv, process.env.NODE_OPTIONS)) {
  for (const flag of LEAN_HEAP_FLAGS) setFlagsFromString(flag);
  // No growth while the modules load (one synchronous burst: the observer could not act in it),
  // then growth up to the cap.
  setFlagsFromString('--semi-space-growth-factor=1');
  setImmediate(() => capYoungGeneration());
}
