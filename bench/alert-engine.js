#!/usr/bin/env node
// `node bench/alert-engine.js` (after `npm run build`): the cost of one alert engine evaluation, the
// work added to every sample (issue 16). The engine holds CPU, memory, DISK_PATH's mount and 5 more
// mounts, each with an hour of samples at 2 s; it is measured with the spec's instant rules and with
// 60-minute means plus hysteresis on every rule (the dearest settings), record + evaluate per sample,
// as AlertEngineService does. Prints microseconds per evaluation (median of 7 runs). Not a test.
const { join } = require('node:path');
const { existsSync } = require('node:fs');

const built = join(__dirname, '..', 'dist', 'alerts', 'alert-engine.js');
if (!existsSync(built)) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}
const { AlertEngine } = require(built);

const INTERVAL = 2000;
const MOUNTS = ['/boot', '/data', '/home', '/srv', '/var'];
const HOUR_SAMPLES = 3600_000 / INTERVAL;

function readings(i) {
  const wave = (phase) => 50 + 30 * Math.sin(i / 50 + phase);
  return [
    { key: 'CPU', type: 'CPU', mount: null, primary: false, value: Math.round(wave(0) * 10) / 10 },
    { key: 'MEMORY', type: 'MEMORY', mount: null, primary: false, value: Math.round(wave(1) * 10) / 10 },
    { key: 'DISK', type: 'DISK', mount: '/', primary: true, value: 71.3 },
    ...MOUNTS.map((mount, n) => ({ key: `DISK:${mount}`, type: 'DISK', mount, primary: false, value: Math.round(wave(n) * 10) / 10 })),
  ];
}

function config(forMinutes, clearMargin) {
  const rule = (warning, critical) => ({ warning, critical, for_minutes: forMinutes, clear_margin: clearMargin });
  return { cpu: rule(70, 90), memory: rule(70, 85), disk: rule(80, 90), disk_mounts: { '/var': { warning: 85, critical: 95 } }, ignored_mounts: ['/boot'] };
}

function measure(label, settings) {
  const runs = [];
  let transitions = 0;
  for (let run = 0; run < 7; run += 1) {
    const engine = new AlertEngine(INTERVAL);
    const silences = [{ id: 1, type: 'DISK', mount: '/srv', startsAt: 0, endsAt: Number.MAX_SAFE_INTEGER }];
    let t = 0;
    for (let i = 0; i < HOUR_SAMPLES; i += 1) engine.record((t += INTERVAL), readings(i));
    const iterations = 20_000;
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i += 1) {
      t += INTERVAL;
      engine.record(t, readings(HOUR_SAMPLES + i));
      transitions += engine.evaluate(t, settings, silences).transitions.length;
    }
    runs.push(Number(process.hrtime.bigint() - start) / iterations / 1000);
  }
  runs.sort((a, b) => a - b);
  const median = runs[Math.floor(runs.length / 2)];
  console.log(`${label.padEnd(52)} ${median.toFixed(2).padStart(7)} µs per evaluation (8 series; min ${runs[0].toFixed(2)}, max ${runs[runs.length - 1].toFixed(2)}; ${transitions} transitions)`);
  return median;
}

console.log(`alert engine, Node ${process.version}`);
measure('spec rules (latest sample, no margin)', config(0, 0));
measure('for_minutes 60 + clear_margin 5 on every rule', config(60, 5));
