import {
  AlertItem,
  alertEmbed,
  buildAlertMessages,
  buildTestMessage,
  COLORS,
  DISCORD_LIMITS,
  embedLength,
  resolvedEmbed,
  betweenEmbed,
  duration,
  truncate,
} from './discord-message.builder';
import { limitProblem } from '../../test/support/fake-discord';

const AT = new Date('2025-01-08T15:30:00Z');
const cpu: AlertItem = { type: 'CPU', level: 'critical', message: 'CPU usage is at 94%', value: 94, threshold: 90 };
const disk: AlertItem = { type: 'DISK', level: 'warning', message: 'Disk usage is at 87%', value: 87, threshold: 85 };

describe('discord message builder', () => {
  it("draws the spec's picture", () => {
    const messages = buildAlertMessages({ hostname: 'serveur-prod-01', alerts: [cpu, disk], at: AT });
    expect(messages).toEqual([
      {
        username: 'Monitoring Bot',
        content: '🚨 ALERTE MONITORING - serveur-prod-01',
        allowed_mentions: { parse: [] },
        embeds: [
          {
            title: '⚠️ CPU - CRITICAL',
            description: 'CPU usage is at 94%',
            color: 0xe74c3c,
            fields: [
              { name: 'Valeur actuelle', value: '94%', inline: true },
              { name: 'Seuil', value: '90%', inline: true },
            ],
            timestamp: '2025-01-08T15:30:00.000Z',
          },
          {
            title: '⚠️ DISK - WARNING',
            description: 'Disk usage is at 87%',
            color: 0xe67e22,
            fields: [
              { name: 'Valeur actuelle', value: '87%', inline: true },
              { name: 'Seuil', value: '85%', inline: true },
            ],
            timestamp: '2025-01-08T15:30:00.000Z',
          },
        ],
      },
    ]);
  });

  it('gives nothing to send for nothing', () => {
    expect(buildAlertMessages({ hostname: 'h', alerts: [] })).toEqual([]);
  });

  it('writes resolutions in green, with a résolu header when nothing else fires', () => {
    const [message] = buildAlertMessages({
      hostname: 'h',
      alerts: [],
      resolved: [
        { type: 'CPU', level: 'critical', value: 12.5, nowLevel: null },
        { type: 'DISK', level: 'critical', value: 85, nowLevel: 'warning' },
      ],
      at: AT,
    });
    expect(message.content).toBe('✅ ALERTE RÉSOLUE - h');
    expect(message.embeds.map((embed) => [embed.title, embed.color])).toEqual([
      ['✅ CPU - RÉSOLU', COLORS.resolved],
      ['✅ DISK - RÉSOLU', COLORS.resolved],
    ]);
    expect(message.embeds[0].description).toBe('CPU usage is at 12.5%: the critical alert is resolved');
    expect(message.embeds[1].description).toBe('Disk usage is at 85%: no longer critical, now warning');
    expect(message.embeds[0].fields).toEqual([
      { name: 'Valeur actuelle', value: '12.5%', inline: true },
      { name: 'Niveau notifié', value: 'CRITICAL', inline: true },
    ]);
  });

  it('puts alerts first, then resolutions, under the alert header', () => {
    const [message] = buildAlertMessages({ hostname: 'h', alerts: [cpu], resolved: [{ type: 'DISK', level: 'warning', value: null, nowLevel: null }] });
    expect(message.content).toBe('🚨 ALERTE MONITORING - h');
    expect(message.embeds.map((embed) => embed.title)).toEqual(['⚠️ CPU - CRITICAL', '✅ DISK - RÉSOLU']);
    expect(message.embeds[1].fields[0].value).toBe('n/a');
  });

  it('splits more than 10 embeds into several messages, numbered', () => {
    const alerts = Array.from({ length: 23 }, (_, i) => ({ ...cpu, type: `R${i}` }));
    const messages = buildAlertMessages({ hostname: 'h', alerts });
    expect(messages.map((message) => message.embeds.length)).toEqual([10, 10, 3]);
    expect(messages.map((message) => message.content)).toEqual([
      '🚨 ALERTE MONITORING - h (1/3)',
      '🚨 ALERTE MONITORING - h (2/3)',
      '🚨 ALERTE MONITORING - h (3/3)',
    ]);
    expect(messages.flatMap((message) => message.embeds.map((embed) => embed.title))).toEqual(alerts.map((alert) => `⚠️ ${alert.type} - CRITICAL`));
  });

  it('truncates every field to its limit and keeps each message under 6,000 characters', () => {
    const huge: AlertItem = { type: 'X'.repeat(400), level: 'critical', message: 'm'.repeat(5000), value: 1, threshold: 1 };
    const messages = buildAlertMessages({ hostname: 'h'.repeat(3000), alerts: [huge, huge, huge, huge] });
    for (const message of messages) {
      expect(limitProblem(message)).toBeNull();
      expect(message.content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
      expect(message.embeds.reduce((sum, embed) => sum + embedLength(embed), 0)).toBeLessThanOrEqual(6000);
      for (const embed of message.embeds) {
        expect(embed.title.length).toBeLessThanOrEqual(256);
        expect(embed.description.length).toBe(4096);
        expect(embed.description.endsWith('…')).toBe(true);
      }
    }
    // 4096 + ~300 per embed: only one fits in 6,000.
    expect(messages).toHaveLength(4);
    expect(messages[3].content.endsWith(' (4/4)')).toBe(true);
  });

  it('never cuts an emoji in half', () => {
    const cut = truncate('a' + '😀'.repeat(10), 4);
    expect(cut).toBe('a😀…');
    expect(() => encodeURIComponent(cut)).not.toThrow();
  });

  it('embeds and test message carry an ISO timestamp and a valid username', () => {
    expect(alertEmbed(cpu, AT).timestamp).toBe('2025-01-08T15:30:00.000Z');
    expect(resolvedEmbed({ type: 'CPU', level: 'warning', value: 3, nowLevel: null }, AT).color).toBe(0x2ecc71);
    const test = buildTestMessage('srv', AT);
    expect(test.username).toBe('Monitoring Bot');
    expect(test.content).toBe('🔔 TEST MONITORING - srv');
    expect(limitProblem(test)).toBeNull();
  });
});

describe('issue 16: mounts, résolu duration and peak, between-runs report', () => {
  const AT2 = new Date('2025-01-08T15:30:00Z');

  it('names another mount than DISK_PATH\'s in the title', () => {
    expect(alertEmbed({ type: 'DISK', level: 'warning', message: 'Disk usage is at 87% on /var', value: 87, threshold: 85, mount: '/var' }, AT2).title).toBe('⚠️ DISK /var - WARNING');
    expect(alertEmbed({ type: 'DISK', level: 'warning', message: 'Disk usage is at 87%', value: 87, threshold: 85 }, AT2).title).toBe('⚠️ DISK - WARNING');
  });

  it('gives the duration and the peak of a resolved episode', () => {
    const since = AT2.getTime() - (2 * 3600 + 5 * 60) * 1000;
    const embed = resolvedEmbed({ type: 'DISK', mount: '/var', level: 'critical', value: 60, nowLevel: null, since, until: AT2.getTime(), peak: 96.4 }, AT2);
    expect(embed.title).toBe('✅ DISK /var - RÉSOLU');
    expect(embed.description).toBe('Disk usage is at 60% on /var: the critical alert is resolved');
    expect(embed.fields.slice(2)).toEqual([
      { name: 'Durée', value: '2 h 05 min', inline: true },
      { name: 'Pic', value: '96.4%', inline: true },
    ]);
  });

  it('writes durations shortly', () => {
    expect(duration(12_400)).toBe('12 s');
    expect(duration(423_000)).toBe('7 min 03 s');
    expect(duration(7_500_000)).toBe('2 h 05 min');
  });

  it('reports episodes between two checks as one line each, in one message of their own', () => {
    const item = { type: 'DISK', mount: '/var', level: 'critical' as const, openedAt: Date.parse('2025-01-08T02:10:04Z'), resolvedAt: Date.parse('2025-01-08T02:31:50Z'), peak: 96.4 };
    expect(betweenEmbed([item, { ...item, type: 'CPU', mount: undefined, level: 'warning' }], AT2).description).toBe(
      'DISK /var CRITICAL 2025-01-08T02:10:04Z–02:31:50Z, pic 96.4%\nCPU WARNING 2025-01-08T02:10:04Z–02:31:50Z, pic 96.4%',
    );
    const [message] = buildAlertMessages({ hostname: 'srv', alerts: [], between: [item], at: AT2 });
    expect(message.content).toBe('🕘 ALERTES ENTRE DEUX VÉRIFICATIONS - srv');
    expect(message.embeds.map((embed) => embed.title)).toEqual(['Entre deux vérifications']);
  });
});
