import { api, ApiFailure } from '../api';
import { append, fill, h } from '../dom';
import { pct } from '../format';
import { session } from '../session';
import type { AlertsAnswer, FleetProbe, SystemAnswer } from '../types';
import { busy, card, every, field, notice, pageTitle } from '../ui';

const REFRESH_MS = 5000;
const PROBE_TIMEOUT_MS = 4000;

interface ProbeStatus {
  up: boolean;
  hostname?: string;
  reason?: string;
  system?: SystemAnswer;
  alerts?: AlertsAnswer;
  systemNote?: string;
}

/**
 * Asks another probe directly from the browser (its CORS_ORIGINS must list this dashboard's origin):
 * its public `/health`, then `/system` and `/alerts`, which answer without a token only when that
 * probe runs with PUBLIC_METRICS=true. Any failure is a status to show, never an exception.
 */
async function poll(probe: FleetProbe): Promise<ProbeStatus> {
  let health: { status: string; hostname?: string; reason?: string };
  try {
    health = await api('/health', { base: probe.base_url, timeoutMs: PROBE_TIMEOUT_MS });
  } catch (error) {
    // A probe that answers DOWN (503) still says who it is and why.
    if (error instanceof ApiFailure && error.status === 503 && error.body?.status === 'DOWN') {
      return { up: false, hostname: error.body.hostname, reason: error.body.reason ?? 'DOWN' };
    }
    return { up: false, reason: error instanceof ApiFailure && error.status > 0 ? error.message : 'injoignable (arrêtée, réseau, ou CORS_ORIGINS de la sonde)' };
  }
  const status: ProbeStatus = { up: health.status === 'UP', hostname: health.hostname, reason: health.reason };
  const [system, alerts] = await Promise.allSettled([
    api<SystemAnswer>('/system', { base: probe.base_url, timeoutMs: PROBE_TIMEOUT_MS }),
    api<AlertsAnswer>('/alerts', { base: probe.base_url, timeoutMs: PROBE_TIMEOUT_MS }),
  ]);
  if (system.status === 'fulfilled') status.system = system.value;
  else {
    const error = system.reason;
    status.systemNote = error instanceof ApiFailure && error.status === 401 ? 'chiffres privés (PUBLIC_METRICS=false sur cette sonde)' : 'chiffres indisponibles';
  }
  if (alerts.status === 'fulfilled') status.alerts = alerts.value;
  return status;
}

export function fleetPage(root: HTMLElement): () => void {
  const box = notice();
  const grid = h('div', { class: 'grid fleet', 'data-test': 'fleet' });
  const canEdit = session.can('config');
  let probes: FleetProbe[] = [];
  const cards = new Map<number, HTMLElement>();

  append(root, [
    pageTitle('Flotte'),
    h('p', { class: 'muted' }, 'Chaque sonde est interrogée par votre navigateur : elle doit accepter l’origine de ce tableau de bord dans sa variable CORS_ORIGINS.'),
    box,
    grid,
    canEdit ? addForm() : null,
  ]);

  function addForm(): HTMLElement {
    const name = h('input', { name: 'name', required: true, maxLength: 64, placeholder: 'web-01' });
    const url = h('input', { name: 'base_url', required: true, placeholder: 'https://web-01.example.com:3000' });
    const button = h('button', { type: 'submit', class: 'primary' }, 'Ajouter');
    const addBox = notice();
    const form = h(
      'form',
      {
        class: 'inline-form',
        'data-test': 'fleet-add',
        onsubmit: (event: Event) => {
          event.preventDefault();
          void busy(button, addBox, async () => {
            const answer = await api<{ message: string; probe: FleetProbe }>('/fleet', { method: 'POST', body: { name: name.value, base_url: url.value } });
            form.reset();
            await refresh();
            return `${answer.message} : ${answer.probe.name}`;
          });
        },
      },
      field('Nom', name),
      field('URL de base', url),
      button,
    );
    return card('Ajouter une sonde', {}, form, addBox);
  }

  function probeCard(probe: FleetProbe): HTMLElement {
    let element = cards.get(probe.id);
    if (element) return element;
    element = h('section', { class: 'card probe', 'data-test': `probe-${probe.name}`, 'data-state': 'pending' });
    cards.set(probe.id, element);
    return element;
  }

  function render(probe: FleetProbe, status: ProbeStatus | undefined): void {
    const element = probeCard(probe);
    const state = status === undefined ? 'pending' : status.up ? 'UP' : 'DOWN';
    element.dataset.state = state;
    const remove = canEdit ? h('button', { type: 'button', class: 'danger small' }, 'Retirer') : null;
    remove?.addEventListener('click', () =>
      void busy(remove, box, async () => {
        const answer = await api<{ message: string }>(`/fleet/${probe.id}`, { method: 'DELETE' });
        await refresh();
        return `${answer.message} : ${probe.name}`;
      }),
    );
    const system = status?.system;
    fill(
      element,
      h('div', { class: 'probe-head' }, h('h2', {}, probe.name), h('span', { class: `badge ${state === 'UP' ? 'ok' : state === 'DOWN' ? 'critical' : ''}`, 'data-test': 'probe-status' }, state === 'pending' ? '…' : state)),
      h('p', { class: 'muted url' }, probe.base_url),
      status?.hostname ? h('p', {}, 'Hôte : ', h('strong', {}, status.hostname)) : null,
      status && !status.up && status.reason ? h('p', { class: 'critical-text' }, status.reason) : null,
      system
        ? h('dl', { class: 'facts compact' },
            h('dt', {}, 'CPU'), h('dd', {}, `${pct(system.cpu.usage_percent)} (${system.cpu.cores} cœurs)`),
            h('dt', {}, 'Mémoire'), h('dd', {}, pct(system.memory.usage_percent)),
            h('dt', {}, 'Disque'), h('dd', {}, pct(system.disk.usage_percent)),
            h('dt', {}, 'En service'), h('dd', {}, system.uptime.formatted))
        : status?.systemNote ? h('p', { class: 'muted' }, status.systemNote) : null,
      status?.alerts
        ? h('div', { class: 'probe-alerts', 'data-test': 'probe-alerts' },
            status.alerts.total_alerts === 0
              ? h('span', { class: 'badge ok' }, 'aucune alerte')
              : status.alerts.alerts.map((alert) => h('span', { class: `badge ${alert.level}`, title: alert.message }, `${alert.type} ${alert.value} %`)))
        : null,
      remove,
    );
  }

  async function refresh(): Promise<void> {
    try {
      probes = (await api<{ probes: FleetProbe[] }>('/fleet')).probes;
      box.clear();
    } catch (error) {
      box.error(error);
      return;
    }
    const ids = new Set(probes.map((probe) => probe.id));
    for (const id of [...cards.keys()]) if (!ids.has(id)) cards.delete(id);
    fill(grid, probes.length === 0 ? h('p', { class: 'muted', 'data-test': 'fleet-empty' }, 'Aucune sonde : ajoutez-en une.') : probes.map((probe) => probeCard(probe)));
    for (const probe of probes) if (cards.get(probe.id)?.dataset.state === 'pending') render(probe, undefined);
    await Promise.all(probes.map(async (probe) => render(probe, await poll(probe))));
  }

  return every(REFRESH_MS, refresh);
}
