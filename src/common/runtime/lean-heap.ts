import { setFlagsFromString } from 'node:v8';

/**
 * V8's garbage-collector settings for a probe that should stay small: imported first by `main.ts`,
 * before the modules load.
 *
 * By default V8 grows the young generation to 2 × 16 MiB at the first burst (the start itself is
 * one) and lets the old generation grow to twice its live size before collecting it: about 30 MiB of
 * resident memory that a probe answering from a cached sample never needs. These two flags are read
 * by V8 whenever it sizes a space, so they take effect when set here at run time (unlike
 * `--max-semi-space-size`, which only works on the command line):
 * - the young generation keeps its initial size (1 MiB semi-spaces): more, shorter scavenges;
 * - the old generation grows by 10 % of its live size between two full collections.
 * Cost, measured by `npm run bench`: within the machine's noise on req/s; RSS after the load
 * about 115–119 MB instead of 146–150 (docs/BENCHMARKS.md).
 *
 * Heap flags given on the command line or in NODE_OPTIONS are the operator's choice: then nothing
 * is changed.
 */
export const LEAN_HEAP_FLAGS = ['--semi-space-growth-factor=1', '--heap-growing-percent=10'] as const;

const HEAP_FLAG = /--(max|min)-semi-space-size|--semi-space-growth-factor|--heap-growing-percent|--optimize-for-size/;

export function operatorSetHeapFlags(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  return execArgv.some((arg) => HEAP_FLAG.test(arg)) || HEAP_FLAG.test(nodeOptions ?? '');
}

if (!operatorSetHeapFlags(process.execArgv, process.env.NODE_OPTIONS)) {
  for (const flag of LEAN_HEAP_FLAGS) setFlagsFromString(flag);
}
