import { api } from '../api';
import { h } from '../dom';
import type { Resource, Thresholds, ThresholdsAnswer } from '../types';
import { busy, card, notice, pageTitle } from '../ui';

const LABELS: Record<Resource, string> = { cpu: 'CPU', memory: 'Mémoire', disk: 'Disque' };

export function thresholdsPage(root: HTMLElement): () => void {
  const box = notice();
  const inputs = {} as Record<Resource, { warning: HTMLInputElement; critical: HTMLInputElement }>;
  const rows = (Object.keys(LABELS) as Resource[]).map((resource) => {
    const warning = h('input', { type: 'number', min: 0, max: 100, step: 1, required: true, name: `${resource}-warning`, 'aria-label': `${LABELS[resource]} : seuil warning (%)` });
    const critical = h('input', { type: 'number', min: 0, max: 100, step: 1, required: true, name: `${resource}-critical`, 'aria-label': `${LABELS[resource]} : seuil critical (%)` });
    inputs[resource] = { warning, critical };
    return h('tr', {}, h('th', {}, LABELS[resource]), h('td', {}, warning), h('td', {}, critical));
  });
  const save = h('button', { type: 'submit', class: 'primary' }, 'Enregistrer');
  const info = h('p', { class: 'muted', 'data-test': 'thresholds-info' });
  const form = h(
    'form',
    {
      'data-test': 'thresholds-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void busy(save, box, async () => {
          const body = {} as Thresholds;
          for (const [resource, pair] of Object.entries(inputs) as Array<[Resource, (typeof inputs)[Resource]]>) {
            body[resource] = { warning: pair.warning.valueAsNumber, critical: pair.critical.valueAsNumber };
          }
          const answer = await api<ThresholdsAnswer & { message: string }>('/config/thresholds', { method: 'PUT', body });
          show(answer);
          return answer.message;
        });
      },
    },
    h('table', { class: 'thresholds' }, h('thead', {}, h('tr', {}, h('th', {}, 'Ressource'), h('th', {}, 'Warning (%)'), h('th', {}, 'Critical (%)'))), h('tbody', {}, rows)),
    h('p', { class: 'muted' }, 'Une alerte se déclenche quand l’utilisation dépasse strictement le seuil ; warning doit rester sous critical.'),
    save,
  );
  root.append(pageTitle('Seuils d’alerte'), card('Seuils', {}, form, info, box));

  function show(answer: ThresholdsAnswer): void {
    for (const [resource, pair] of Object.entries(inputs) as Array<[Resource, (typeof inputs)[Resource]]>) {
      pair.warning.value = String(answer.thresholds[resource].warning);
      pair.critical.value = String(answer.thresholds[resource].critical);
    }
    if (answer.updated_by) info.textContent = `Modifiés par ${answer.updated_by} le ${new Date(answer.updated_at ?? '').toLocaleString('fr-FR')}`;
  }
  api<ThresholdsAnswer>('/config/thresholds').then(show, (error) => box.error(error));
  return () => undefined;
}
