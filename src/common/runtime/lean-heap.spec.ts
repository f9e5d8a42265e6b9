import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModuleKind, transpileModule } from 'typescript';
import { operatorSetHeapFlags, semiSpaceGrowthFactor, YOUNG_GENERATION_CAP_BYTES } from './lean-heap';

/** The young generation's size after a burst of short-lived allocations, in a fresh Node process. */
function newSpaceMbAfterBurst(preload: string[], nodeArgs: string[] = []): number {
  // In slices, as a server allocates: the cap acts between two slices (after each minor collection).
  const script = `
    (async () => {
      let keep = [];
      for (let slice = 0; slice < 2000; slice++) {
        for (let i = 0; i < 1e4; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 1000) keep = []; }
        await new Promise((resolve) => setImmediate(resolve));
      }
      const space = require('v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
      process.stdout.write(String(space.space_size / 1048576));
    })();`;
  const args = [...nodeArgs, ...preload.flatMap((file) => ['-r', file]), '-e', script];
  return Number(execFileSync(process.execPath, args, { env: { ...process.env, NODE_OPTIONS: '' } }).toString());
}

describe('lean heap', () => {
  // The module as Node runs it: compiled to CommonJS, preloaded with -r.
  const dir = mkdtempSync(join(tmpdir(), 'lean-heap-'));
  const compiled = join(dir, 'lean-heap.js');
  writeFileSync(compiled, transpileModule(readFileSync(join(__dirname, 'lean-heap.ts'), 'utf8'), { compilerOptions: { module: ModuleKind.CommonJS } }).outputText);
  const preload = [compiled];
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('caps the young generation at 2 × 2 MiB through a burst (V8 grows it to 32 MiB otherwise)', () => {
    expect(newSpaceMbAfterBurst([])).toBeGreaterThanOrEqual(16);
    const capped = newSpaceMbAfterBurst(preload);
    expect(capped).toBeGreaterThan(2);
    expect(capped).toBeLessThanOrEqual(YOUNG_GENERATION_CAP_BYTES / 1048576);
  });

  it('grows the young generation below the cap, not at it', () => {
    expect(semiSpaceGrowthFactor(2 * 1048576)).toBe(2);
    expect(semiSpaceGrowthFactor(YOUNG_GENERATION_CAP_BYTES)).toBe(1);
  });

  it('leaves the heap alone when the operator gave heap flags', () => {
    expect(operatorSetHeapFlags(['--max-semi-space-size=8'], undefined)).toBe(true);
    expect(operatorSetHeapFlags([], '--optimize-for-size')).toBe(true);
    expect(operatorSetHeapFlags(['--enable-source-maps'], '--max-old-space-size=512')).toBe(false);
    expect(newSpaceMbAfterBurst(preload, ['--semi-space-growth-factor=2'])).toBeGreaterThanOrEqual(16);
  });
});
