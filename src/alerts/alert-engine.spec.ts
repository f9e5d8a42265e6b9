import fc from 'fast-check';
import { DEFAULT_THRESHOLDS, Rule, ThresholdConfig } from '../config/thresholds.types';
import { AlertEngine, levelFor, Reading, SilenceWindow } from './alert-engine';

const INTERVAL = 2000;
const T0 = Date.UTC(2026, 0, 1);
const config = (changes: Partial<ThresholdConfig> = {}): ThresholdConfig => ({
  ...structuredClone(DEFAULT_THRESHOLDS),
  disk_mounts: {},
  ignored_mounts: [],
  ...changes,
});
const rule = (changes: Partial<Rule>): Rule => ({ warning: 70, critical: 90, for_minutes: 0, clear_margin: 0, ...changes });
const cpu = (value: number): Reading => ({ key: 'CPU', type: 'CPU', mount: null, primary: false, value });
const disk = (mount: string, value: number, primary = false): Reading => ({ key: primary ? 'DISK' : `DISK:${mount}`, type: 'DISK', mount, primary, value });

/** Feeds one value per sample from `start`, evaluating after each; returns the engine and every transition. */
function run(values: number[], settings: ThresholdConfig, engine = new AlertEngine(INTERVAL), start = T0) {
  const transitions = [];
  let last;
  for (const [i, value] of values.entries()) {
    const now = start + i * INTERVAL;
    engine.record(now, [cpu(value)]);
    last = engine.evaluate(now, settings, []);
    transitions.push(...last.transitions);
  }
  return { engine, transitions, last: last! };
}

describe('levelFor (hysteresis)', () => {
  it('opens strictly above a threshold, as the spec', () => {
    expect(levelFor(70, rule({}), null)).toBeNull();
    expect(levelFor(70.1, rule({}), null)).toBe('warning');
    expect(levelFor(90.1, rule({}), null)).toBe('critical');
  });

  it('keeps an open level until the value is at or below threshold minus clear_margin', () => {
    const r = rule({ clear_margin: 5 });
    expect(levelFor(66, r, 'warning')).toBe('warning');
    expect(levelFor(65, r, 'warning')).toBeNull();
    expect(levelFor(86, r, 'critical')).toBe('critical');
    // steps down from critical to warning under the same rule
    expect(levelFor(85, r, 'critical')).toBe('warning');
    expect(levelFor(66, r, 'critical')).toBe('warning');
    expect(levelFor(65, r, 'critical')).toBeNull();
    // a closed alert still needs strictly above the threshold
    expect(levelFor(69, r, null)).toBeNull();
  });
});

describe('AlertEngine', () => {
  it('with the defaults, alerts on the latest sample exactly as the spec (message, value, threshold)', () => {
    const { last } = run([50, 94], config());
    expect(last.alerts).toHaveLength(1);
    expect(last.alerts[0]).toMatchObject({ type: 'CPU', level: 'critical', message: 'CPU usage is at 94%', value: 94, threshold: 90, since: T0 + INTERVAL, peak: 94 });
    expect(last.pending).toEqual([]);
  });

  it('for_minutes: compares the mean, pending until the window is covered, then opens', () => {
    const settings = config({ cpu: rule({ for_minutes: 1 }) });
    // 29 samples of 2 s cover 58 s: not a whole minute yet (each sample stands for the 2 s before it)
    const { engine, last } = run(Array(29).fill(80), settings);
    expect(last.alerts).toEqual([]);
    expect(last.pending).toEqual([{ key: 'CPU', type: 'CPU', mount: null, level: 'warning', value: 80, threshold: 70, since: T0, forMinutes: 1 }]);
    const after = run([80], settings, engine, T0 + 29 * INTERVAL).last;
    expect(after.pending).toEqual([]);
    expect(after.alerts[0]).toMatchObject({ type: 'CPU', level: 'warning', value: 80, message: 'CPU usage is at 80%' });
  });

  it('for_minutes: a short spike does not open when the mean stays below', () => {
    const settings = config({ cpu: rule({ for_minutes: 1 }) });
    const values = [...Array(40).fill(20), 100, 100, ...Array(10).fill(20)];
    const { transitions, last } = run(values, settings);
    expect(transitions).toEqual([]);
    expect(last.alerts).toEqual([]);
  });

  it('clear_margin: stays open just below the threshold, resolves at threshold minus margin', () => {
    const settings = config({ cpu: rule({ clear_margin: 5 }) });
    const { transitions, last } = run([75, 68, 66, 65.1], settings);
    expect(last.alerts).toHaveLength(1);
    expect(transitions.map((t) => t.kind)).toEqual(['opened']);
    const closed = run([65], settings, (run([75, 68], settings).engine)).transitions;
    expect(closed.map((t) => t.kind)).toEqual(['resolved']);
  });

  it('records an episode: opened, level changes, peak and highest level, resolved', () => {
    const { transitions } = run([75, 95, 97, 80, 10], config());
    expect(transitions.map((t) => t.kind)).toEqual(['opened', 'changed', 'changed', 'resolved']);
    const episode = transitions[3].episode;
    expect(episode).toMatchObject({ level: 'warning', maxLevel: 'critical', threshold: 90, peak: 97, openedAt: T0, resolvedAt: T0 + 4 * INTERVAL });
  });

  it('every mount: its own alert with mount, " on <mount>" except DISK_PATH\'s, overrides and ignored mounts', () => {
    const engine = new AlertEngine(INTERVAL);
    engine.record(T0, [disk('/', 85, true), disk('/var', 85), disk('/boot', 99), disk('/data', 85)]);
    const settings = config({ disk_mounts: { '/var': { warning: 90, critical: 95 } }, ignored_mounts: ['/boot'] });
    const { alerts } = engine.evaluate(T0, settings, []);
    expect(alerts.map((a) => [a.mount, a.level, a.message])).toEqual([
      ['/', 'warning', 'Disk usage is at 85%'],
      ['/data', 'warning', 'Disk usage is at 85% on /data'],
    ]);
  });

  it('silences: a matching alert stays listed with its silence id, and the episode is marked silenced', () => {
    const engine = new AlertEngine(INTERVAL);
    engine.record(T0, [cpu(95), disk('/var', 99)]);
    const silences: SilenceWindow[] = [{ id: 3, type: 'DISK', mount: '/var', startsAt: T0 - 1, endsAt: T0 + 60_000 }];
    const { alerts } = engine.evaluate(T0, config(), silences);
    expect(alerts.map((a) => [a.key, a.silenceId, a.episode.silenced])).toEqual([
      ['CPU', null, false],
      ['DISK:/var', 3, true],
    ]);
    // after the silence ends the alert is still open, not silenced any more
    engine.record(T0 + 61_000, [cpu(95), disk('/var', 99)]);
    expect(engine.evaluate(T0 + 61_000, config(), silences).alerts[1].silenceId).toBeNull();
  });

  it('restart: an open episode is continued when the condition holds, else closed at the restart time', () => {
    const restartAt = T0 + 3_600_000;
    const episode = (key: string) => ({ key, type: 'CPU' as const, mount: null, openedAt: T0, resolvedAt: null, level: 'warning' as const, maxLevel: 'warning' as const, threshold: 70, peak: 75, silenced: false, id: 1 });
    const held = new AlertEngine(INTERVAL);
    held.restore([episode('CPU')], restartAt);
    // an evaluation before any sample (a threshold change at start) decides nothing
    expect(held.evaluate(restartAt + 1000, config(), [])).toEqual({ evaluatedAt: restartAt + 1000, alerts: [], pending: [], transitions: [] });
    held.record(restartAt + 5000, [cpu(80)]);
    const kept = held.evaluate(restartAt + 5000, config(), []);
    expect(kept.alerts[0]).toMatchObject({ since: T0, peak: 80 });
    expect(kept.transitions).toEqual([]);

    const gone = new AlertEngine(INTERVAL);
    gone.restore([episode('CPU'), episode('DISK:/old')], restartAt);
    gone.record(restartAt + 5000, [cpu(10)]);
    const closed = gone.evaluate(restartAt + 5000, config(), []);
    expect(closed.transitions.map((t) => [t.kind, t.episode.key, t.episode.resolvedAt])).toEqual([
      ['resolved', 'CPU', restartAt],
      ['resolved', 'DISK:/old', restartAt],
    ]);
  });

  it('property: a value oscillating around a threshold with an amplitude below clear_margin opens exactly one episode', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 50 }),
        fc.integer({ min: 2, max: 100 }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 2, maxLength: 300 }),
        (threshold, marginTenths, wiggles) => {
          const margin = marginTenths / 10;
          const settings = config({ cpu: rule({ warning: threshold, critical: 100, clear_margin: margin }) });
          // samples have one decimal, as the API's figures: first above the threshold, then anywhere
          // strictly within ±margin of it
          const amplitude = marginTenths - 1;
          const values = [threshold + 0.1, ...wiggles.map((w) => threshold + Math.round(w * amplitude) / 10)];
          const { transitions } = run(values, settings);
          const opened = transitions.filter((t) => t.kind === 'opened').length;
          const resolved = transitions.filter((t) => t.kind === 'resolved').length;
          return opened === 1 && resolved === 0;
        },
      ),
      { numRuns: 300 },
    );
  });
});
