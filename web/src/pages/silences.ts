import { api } from '../api';
import { fill, h } from '../dom';
import { dateTime } from '../format';
import { session } from '../session';
import type { DiskAnswer, Silence, SilencesAnswer, SilenceType } from '../types';
import { busy, card, every, field, notice, pageTitle, scrollRegion } from '../ui';

const REFRESH_MS = 15_000;
const TYPES: Array<[SilenceType, string]> = [
  ['*', 'Toutes les alertes (*)'],
  ['CPU', 'CPU'],
  ['MEMORY', 'Mémoire (MEMORY)'],
  ['DISK', 'Disque (DISK)'],
];
const PRESETS: Array<[number, string]> = [
  [60, '1 h'],
  [240, '4 h'],
  [1440, '24 h'],
];
const UNITS: Array<[number, string]> = [
  [1, 'minutes'],
  [60, 'heures'],
  [1440, 'jours'],
];
const MOUNTS_LIST_ID = 'silence-mounts';

/** `*` reads as every alert; a DISK silence without mount covers every mount. */
function scope(silence: Silence): string {
  if (silence.type === '*') return 'toutes';
  return silence.mount ? `${silence.type} ${silence.mount}` : silence.type;
}

/**
 * Maintenance windows: any role reads the list; technicien and admin (`execute` permission) create
 * and end them. A silenced alert stays on the overview, marked, and nothing about it goes to Discord.
 */
export function silencesPage(root: HTMLElement): () => void {
  const canEdit = session.can('execute');
  const box = notice();
  const rows = h('tbody', { 'data-test': 'silence-rows' });
  const headers = ['Alertes', 'Début', 'Fin', 'Raison', 'Par', 'État', canEdit ? 'Action' : null].filter((title): title is string => title !== null);

  root.append(
    pageTitle('Silences'),
    h('p', { class: 'muted' }, 'Pendant un silence, les alertes concernées restent affichées (marquées « silence ») mais rien n’est envoyé sur Discord ; si l’une est encore ouverte à la fin, elle est notifiée comme une nouvelle alerte.'),
    box,
    card('Silences actifs et à venir', {}, scrollRegion('Silences actifs et à venir', h('table', {}, h('thead', {}, h('tr', {}, headers.map((title) => h('th', {}, title)))), rows))),
    canEdit ? createCard() : h('p', { class: 'muted', 'data-test': 'silence-readonly' }, 'Créer ou terminer un silence demande le rôle technicien ou admin.'),
  );

  function createCard(): HTMLElement {
    const createBox = notice();
    const type = h('select', { name: 'type' }, TYPES.map(([value, label]) => h('option', { value }, label)));
    const mount = h('input', { name: 'mount', list: MOUNTS_LIST_ID, placeholder: 'tous', autocomplete: 'off', disabled: true });
    const mounts = h('datalist', { id: MOUNTS_LIST_ID });
    type.addEventListener('change', () => {
      mount.disabled = type.value !== 'DISK';
      if (mount.disabled) mount.value = '';
    });
    const presetRadios = PRESETS.map(([minutes, label], index) =>
      h('label', { class: 'check' }, h('input', { type: 'radio', name: 'duration', value: String(minutes), checked: index === 0 }), ` ${label}`),
    );
    const custom = h('input', { type: 'radio', name: 'duration', value: 'custom' });
    const amount = h('input', { type: 'number', name: 'amount', min: 1, step: 1, value: '30', 'aria-label': 'Durée personnalisée', disabled: true });
    const unit = h('select', { name: 'unit', 'aria-label': 'Unité de la durée personnalisée', disabled: true }, UNITS.map(([factor, label]) => h('option', { value: String(factor) }, label)));
    const durationSet = h(
      'fieldset',
      { class: 'durations', onchange: () => { amount.disabled = unit.disabled = !custom.checked; } },
      h('legend', {}, 'Durée'),
      presetRadios,
      h('label', { class: 'check' }, custom, ' autre :'),
      amount,
      unit,
    );
    const reason = h('input', { name: 'reason', maxLength: 200, placeholder: 'Mise à jour du noyau', autocomplete: 'off' });
    const submit = h('button', { type: 'submit', class: 'primary' }, 'Créer le silence');
    const form = h(
      'form',
      {
        'data-test': 'silence-create',
        noValidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault();
          void busy(submit, createBox, async () => {
            const chosen = form.querySelector<HTMLInputElement>('input[name=duration]:checked');
            const minutes = chosen?.value === 'custom' ? amount.valueAsNumber * Number(unit.value) : Number(chosen?.value);
            const body: Record<string, unknown> = { type: type.value, minutes, reason: reason.value };
            if (type.value === 'DISK' && mount.value.trim() !== '') body.mount = mount.value.trim();
            const created = await api<Silence>('/silences', { method: 'POST', body });
            reason.value = '';
            await load();
            return `Silence ${created.id} créé : ${scope(created)} jusqu’au ${dateTime(created.ends_at)}`;
          });
        },
      },
      h('div', { class: 'row-fields' }, field('Alertes', type), field('Point de montage (DISK, vide : tous)', mount)),
      durationSet,
      field('Raison (obligatoire, 200 caractères au plus)', reason),
      h('div', { class: 'buttons' }, submit),
      mounts,
    );
    api<DiskAnswer>('/disk').then(
      (answer) => fill(mounts, answer.mounts.map((item) => h('option', { value: item.mount }))),
      () => undefined,
    );
    return card('Nouveau silence', {}, form, createBox);
  }

  function row(silence: Silence, now: number): HTMLTableRowElement {
    const future = Date.parse(silence.starts_at) > now;
    let action: HTMLElement | null = null;
    if (canEdit) {
      const end = h('button', { type: 'button', class: 'danger small', 'aria-label': `Terminer le silence ${silence.id}` }, 'Terminer');
      end.addEventListener('click', () =>
        void busy(end, box, async () => {
          const answer = await api<{ message: string; silence: Silence }>(`/silences/${silence.id}`, { method: 'DELETE' });
          await load();
          return `${answer.message} : ${scope(answer.silence)} (${silence.reason})`;
        }),
      );
      action = h('td', {}, end);
    }
    return h(
      'tr',
      { 'data-test': `silence-${silence.id}` },
      h('td', { class: 'name' }, scope(silence)),
      h('td', {}, dateTime(silence.starts_at)),
      h('td', {}, dateTime(silence.ends_at)),
      h('td', { class: 'reason' }, silence.reason),
      h('td', {}, silence.created_by),
      h('td', {}, h('span', { class: `badge ${future ? '' : 'silenced'}` }, future ? 'à venir' : 'actif')),
      action,
    );
  }

  async function load(): Promise<void> {
    const answer = await api<SilencesAnswer>('/silences');
    const now = Date.parse(answer.checked_at);
    fill(
      rows,
      answer.silences.length === 0
        ? h('tr', {}, h('td', { colSpan: headers.length, class: 'muted', 'data-test': 'no-silence' }, 'Aucun silence actif ou à venir'))
        : answer.silences.map((silence) => row(silence, now)),
    );
  }

  return every(REFRESH_MS, () => load().catch((error) => box.error(error)));
}
