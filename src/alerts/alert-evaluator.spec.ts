import { DEFAULT_THRESHOLDS } from '../config/thresholds.types';
import { evaluateAlerts } from './alert-evaluator';

const usage = (cpu: number, memory = 10, disk = 10) => ({ cpu, memory, disk });

describe('evaluateAlerts', () => {
  it('gives nothing below the warning level', () => {
    expect(evaluateAlerts(usage(69.9), DEFAULT_THRESHOLDS)).toEqual([]);
  });

  it('gives nothing when usage equals the warning level (strictly greater is needed)', () => {
    expect(evaluateAlerts(usage(70), DEFAULT_THRESHOLDS)).toEqual([]);
  });

  it('warns just above the warning level', () => {
    expect(evaluateAlerts(usage(70.1), DEFAULT_THRESHOLDS)).toEqual([
      { type: 'CPU', level: 'warning', message: 'CPU usage is at 70.1%', value: 70.1, threshold: 70 },
    ]);
  });

  it('stays a warning when usage equals the critical level', () => {
    expect(evaluateAlerts(usage(90), DEFAULT_THRESHOLDS)[0]).toMatchObject({ level: 'warning', threshold: 70 });
  });

  it('replaces the warning by a critical alert above the critical level', () => {
    const alerts = evaluateAlerts(usage(94), DEFAULT_THRESHOLDS);
    expect(alerts).toEqual([{ type: 'CPU', level: 'critical', message: 'CPU usage is at 94%', value: 94, threshold: 90 }]);
  });

  it('reports every resource with its own thresholds and wording', () => {
    const alerts = evaluateAlerts({ cpu: 50, memory: 86, disk: 87 }, DEFAULT_THRESHOLDS);
    expect(alerts).toEqual([
      { type: 'MEMORY', level: 'critical', message: 'Memory usage is at 86%', value: 86, threshold: 85 },
      { type: 'DISK', level: 'warning', message: 'Disk usage is at 87%', value: 87, threshold: 80 },
    ]);
  });

  it('goes straight to critical when warning equals critical', () => {
    const thresholds = { ...DEFAULT_THRESHOLDS, cpu: { warning: 50, critical: 50 } };
    expect(evaluateAlerts(usage(50), thresholds)).toEqual([]);
    expect(evaluateAlerts(usage(50.1), thresholds)[0]).toMatchObject({ level: 'critical', threshold: 50 });
  });

  it('alerts on everything with zero thresholds except an exact zero', () => {
    const zero = { cpu: { warning: 0, critical: 0 }, memory: { warning: 0, critical: 0 }, disk: { warning: 0, critical: 0 } };
    expect(evaluateAlerts({ cpu: 0, memory: 0.1, disk: 100 }, zero).map((alert) => alert.type)).toEqual(['MEMORY', 'DISK']);
  });
});
