import { api } from '../api';
import { HistoryChart } from '../charts';
import { Child, fill, h } from '../dom';
import { clock, dateTime, gb, levelOf, pct } from '../format';
import type {
  Alert,
  AlertsAnswer,
  PendingAlert,
  Silence,
  SilencesAnswer,
  HistoryAnswer,
  LoadAnswer,
  NetworkAnswer,
  OsAnswer,
  Resource,
  ServicesAnswer,
  SystemAnswer,
  Thresholds,
  ThresholdsAnswer,
  TopProcessesAnswer,
} from '../types';
import { card, every, notice, pageTitle, scrollRegion } from '../ui';

const REFRESH_MS = 5000;
/** An hour in at most 600 points (6 s steps at the default 2 s sampling): as many as a chart can show. */
const CHART_POINTS = 600;

function gauge(resource: Resource, label: string) {
  const value = h('strong', { class: 'gauge-value' }, '–');
  const bar = h('div', { class: 'gauge-fill' });
  const detail = h('small', { class: 'muted' });
  const element = h(
    'div',
    { class: 'gauge', 'data-test': `gauge-${resource}` },
    h('div', { class: 'gauge-head' }, h('span', {}, label), value),
    h('div', { class: 'gauge-track' }, bar),
    detail,
  );
  return {
    element,
    set(percent: number, thresholds: Thresholds | undefined, text: string) {
      const level = levelOf(percent, resource, thresholds);
      element.dataset.level = level;
      element.className = `gauge ${level}`;
      value.textContent = pct(percent);
      bar.style.width = `${Math.min(100, Math.max(0, percent))}%`;
      const limits = thresholds?.[resource];
      detail.textContent = limits ? `${text} · seuils ${limits.warning} / ${limits.critical} %` : text;
    },
  };
}

export function overviewPage(root: HTMLElement): () => void {
  let sort: 'cpu' | 'memory' = 'cpu';
  const box = notice();
  const hostname = h('span', { 'data-test': 'hostname' }, '…');
  const updated = h('small', { class: 'muted', 'data-test': 'updated' });
  const facts = h('dl', { class: 'facts', 'data-test': 'facts' });
  const gauges = { cpu: gauge('cpu', 'CPU'), memory: gauge('memory', 'Mémoire'), disk: gauge('disk', 'Disque') };
  const alerts = h('div', { 'data-test': 'alerts' });
  const processes = h('tbody');
  const sortButtons = (['cpu', 'memory'] as const).map((key) =>
    h('button', { type: 'button', class: 'chip', 'data-sort': key, onclick: () => { sort = key; markSort(); void refresh(); } }, key === 'cpu' ? 'CPU' : 'Mémoire'),
  );
  const markSort = () => sortButtons.forEach((button) => button.classList.toggle('active', button.dataset.sort === sort));
  markSort();
  const services = h('ul', { class: 'services', 'data-test': 'services' });
  const interfaces = h('tbody');
  const charts = {
    usage: new HistoryChart('Utilisation (%)', [
      { key: 'cpu', label: 'CPU', stroke: '#4ea1ff' },
      { key: 'memory', label: 'Mémoire', stroke: '#b78cff' },
      { key: 'disk', label: 'Disque', stroke: '#f0b429' },
    ], 'percent'),
    load: new HistoryChart('Charge', [
      { key: '1_min', label: '1 min', stroke: '#4ea1ff' },
      { key: '5_min', label: '5 min', stroke: '#b78cff' },
      { key: '15_min', label: '15 min', stroke: '#f0b429' },
    ], 'load'),
    network: new HistoryChart('Réseau', [
      { key: 'rx_bytes_per_sec', label: 'Reçu', stroke: '#3ecf8e' },
      { key: 'tx_bytes_per_sec', label: 'Envoyé', stroke: '#ff7a59' },
    ], 'bytes'),
  };

  root.append(
    pageTitle('Vue d’ensemble', hostname, updated),
    box,
    h('div', { class: 'grid gauges' }, gauges.cpu.element, gauges.memory.element, gauges.disk.element),
    h('div', { class: 'grid two' }, card('Système', {}, facts), card('Alertes en cours', {}, alerts)),
    card('Dernière heure', { class: 'card charts' }, h('div', { class: 'grid charts-grid' }, charts.usage.element, charts.load.element, charts.network.element)),
    h(
      'div',
      { class: 'grid two' },
      card('Processus', { 'data-test': 'processes' }, h('div', { class: 'chips' }, 'Trier par ', sortButtons), scrollRegion('Processus', h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'PID'), h('th', {}, 'Nom'), h('th', { class: 'num' }, 'CPU'), h('th', { class: 'num' }, 'Mémoire'))), processes))),
      card('Services', {}, services),
    ),
    card('Interfaces réseau', { 'data-test': 'interfaces' }, scrollRegion('Interfaces réseau', h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Nom'), h('th', {}, 'IPv4'), h('th', {}, 'MAC'), h('th', { class: 'num' }, 'Envoyé (Mo)'), h('th', { class: 'num' }, 'Reçu (Mo)'))), interfaces))),
  );

  async function refresh(): Promise<void> {
    try {
      const [system, os, loadAnswer, alertAnswer, thresholdAnswer, top, serviceAnswer, network] = await Promise.all([
        api<SystemAnswer>('/system'),
        api<OsAnswer>('/os'),
        api<LoadAnswer>('/load'),
        api<AlertsAnswer>('/alerts'),
        api<ThresholdsAnswer>('/config/thresholds'),
        api<TopProcessesAnswer>(`/processes/top?sort=${sort}&limit=10`),
        api<ServicesAnswer>('/services'),
        api<NetworkAnswer>('/network'),
      ]);
      box.clear();
      const thresholds = thresholdAnswer.thresholds;
      hostname.textContent = system.hostname;
      updated.textContent = `mis à jour ${new Date(system.checked_at).toLocaleTimeString('fr-FR')}`;
      gauges.cpu.set(system.cpu.usage_percent, thresholds, `${system.cpu.cores} cœurs`);
      gauges.memory.set(system.memory.usage_percent, thresholds, `${gb(system.memory.used_gb)} / ${gb(system.memory.total_gb)}`);
      gauges.disk.set(system.disk.usage_percent, thresholds, `${gb(system.disk.used_gb)} / ${gb(system.disk.total_gb)}`);
      const average = loadAnswer.load_average;
      fill(
        facts,
        fact('Hôte', system.hostname, 'fact-hostname'),
        fact('Système', `${os.os.name} ${os.os.version}`.trim(), 'fact-os'),
        fact('Noyau', `${os.os.kernel} (${os.os.architecture})`, 'fact-kernel'),
        fact('Cœurs', String(system.cpu.cores), 'fact-cores'),
        fact('En service depuis', system.uptime.formatted, 'fact-uptime'),
        fact('Charge 1 / 5 / 15 min', `${average['1_min'].toFixed(2)} / ${average['5_min'].toFixed(2)} / ${average['15_min'].toFixed(2)}`, 'fact-load'),
        fact('Connexions TCP', String(network.network.total_connections), 'fact-connections'),
      );
      fill(alerts, await alertList(alertAnswer));
      fill(processes, top.top_processes.map((process) =>
        h('tr', {}, h('td', {}, String(process.pid)), h('td', { class: 'name' }, process.name), h('td', { class: 'num' }, pct(process.cpu_percent)), h('td', { class: 'num' }, pct(process.memory_percent)))));
      fill(services, serviceAnswer.services.length === 0 ? h('li', { class: 'muted' }, 'Aucun service surveillé (MONITORED_SERVICES)') : serviceAnswer.services.map((service) =>
        h('li', { 'data-test': `service-${service.name}` }, h('span', { class: `badge ${service.status === 'running' ? 'ok' : 'critical'}` }, service.status), ` ${service.name}`, service.uptime ? h('small', { class: 'muted' }, ` depuis ${service.uptime}`) : null)));
      fill(interfaces, network.network.interfaces.map((item) =>
        h('tr', {}, h('td', {}, item.name), h('td', {}, item.ip_address ?? '–'), h('td', {}, item.mac_address ?? '–'), h('td', { class: 'num' }, item.bytes_sent_mb.toFixed(1)), h('td', { class: 'num' }, item.bytes_recv_mb.toFixed(1)))));
    } catch (error) {
      box.error(error);
    }
    await refreshCharts();
  }

  async function refreshCharts(): Promise<void> {
    try {
      const [cpu, memory, disk, loadHistory, network] = await Promise.all(
        (['cpu', 'memory', 'disk', 'load', 'network'] as const).map((resource) => api<HistoryAnswer>(`/history?resource=${resource}&minutes=60&points=${CHART_POINTS}`)),
      );
      // One chart for the three usages: align memory and disk on the CPU points (same samples).
      const usage: HistoryAnswer = {
        ...cpu,
        points: cpu.points.map((point, index) => ({
          t: point.t,
          cpu: point.usage_percent,
          memory: memory.points[index]?.usage_percent ?? null,
          disk: disk.points[index]?.usage_percent ?? null,
        })),
      };
      charts.usage.update(usage);
      charts.load.update(loadHistory);
      charts.network.update(network);
    } catch {
      // Charts are a bonus: /history may be missing on an older probe; the figures above still refresh.
    }
  }

  const stop = every(REFRESH_MS, refresh);
  return () => {
    stop();
    Object.values(charts).forEach((chart) => chart.destroy());
  };
}

function fact(label: string, value: string, test: string) {
  return [h('dt', {}, label), h('dd', { 'data-test': test }, value)];
}


/**
 * The open alerts, a silenced one marked with its silence (until when, why), then the pending ones
 * (above a for_minutes threshold, window not covered yet: not counted, never sent).
 */
async function alertList(answer: AlertsAnswer): Promise<Child[]> {
  const pending = answer.pending ?? [];
  let silences = new Map<number, Silence>();
  if (answer.alerts.some((alert) => alert.silenced)) {
    try {
      silences = new Map((await api<SilencesAnswer>('/silences')).silences.map((silence) => [silence.id, silence]));
    } catch {
      // The mark stays; only its details are missing.
    }
  }
  const open = (alert: Alert) => {
    const silence = alert.silence_id === null ? undefined : silences.get(alert.silence_id);
    return h(
      'li',
      { class: `alert ${alert.level}${alert.silenced ? ' silenced' : ''}`, 'data-test': `alert-${alert.type}`, 'data-mount': alert.mount, 'data-silenced': String(alert.silenced) },
      h('span', { class: `badge ${alert.level}` }, `${alert.type} · ${alert.level}`),
      ` ${alert.message} (seuil ${alert.threshold} %)`,
      alert.silenced
        ? h('div', { class: 'silence-mark', 'data-test': 'silence-mark' },
            h('span', { class: 'badge silenced' }, 'silence'),
            silence ? ` jusqu’au ${dateTime(silence.ends_at)} : ${silence.reason} (${silence.created_by})` : ' en cours : rien n’est envoyé sur Discord')
        : null,
    );
  };
  const waiting = (alert: PendingAlert) =>
    h(
      'li',
      { class: 'alert pending', 'data-test': `pending-${alert.type}`, 'data-mount': alert.mount },
      h('span', { class: 'badge pending' }, `${alert.mount ? `${alert.type} ${alert.mount}` : alert.type} · ${alert.level} en attente`),
      ` moyenne ${alert.value} % au-dessus du seuil ${alert.threshold} % depuis ${clock(alert.since)} ; s’ouvrira quand la fenêtre de ${alert.for_minutes} min sera couverte`,
    );
  return [
    answer.alerts.length === 0 ? h('p', { class: 'ok-text', 'data-test': 'no-alert' }, 'Aucune alerte') : h('ul', { class: 'alerts' }, answer.alerts.map(open)),
    pending.length > 0 ? h('ul', { class: 'alerts pending-list', 'data-test': 'pending', 'aria-label': 'Alertes en attente' }, pending.map(waiting)) : null,
  ];
}
