import { cpuUsageBetween, parseNetDev } from './proc-readers';

describe('cpuUsageBetween', () => {
  it('is the busy share of the ticks between two readings', () => {
    expect(cpuUsageBetween({ idle: 100, total: 200 }, { idle: 150, total: 400 })).toBe(75);
  });

  it('is 0 when no tick passed', () => {
    expect(cpuUsageBetween({ idle: 1, total: 2 }, { idle: 1, total: 2 })).toBe(0);
  });
});

describe('parseNetDev', () => {
  it('sums every interface but loopback', () => {
    const text = [
      'Inter-|   Receive                                                |  Transmit',
      ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed',
      '    lo: 5000 10 0 0 0 0 0 0 5000 10 0 0 0 0 0 0',
      '  eth0: 1000 5 0 0 0 0 0 0 2000 5 0 0 0 0 0 0',
      '  eth1: 10 1 0 0 0 0 0 0 20 1 0 0 0 0 0 0',
    ].join('\n');
    expect(parseNetDev(text)).toEqual({ rxBytes: 1010, txBytes: 2020 });
  });
});
