import { api } from '../api';
import { fill, h } from '../dom';
import { dateTime, duration } from '../format';
import type { AlertEpisode, AlertHistoryAnswer } from '../types';
import { card, field, notice, pageTitle, scrollRegion } from '../ui';

const TYPES: Array<[string, string]> = [
  ['', 'Tous'],
  ['CPU', 'CPU'],
  ['MEMORY', 'Mémoire (MEMORY)'],
  ['DISK', 'Disque (DISK)'],
];
const PAGE_SIZES = [10, 25, 50, 100];
const DEFAULT_PAGE_SIZE = 25;

/**
 * Stored alert episodes, newest first, a page at a time: `before` is the `next_before` of the page
 * before, so the pages already seen are kept as a stack of cursors to come back.
 */
export function alertHistoryPage(root: HTMLElement): () => void {
  const box = notice();
  const type = h('select', { name: 'type' }, TYPES.map(([value, label]) => h('option', { value }, label)));
  const size = h('select', { name: 'limit' }, PAGE_SIZES.map((value) => h('option', { value: String(value), selected: value === DEFAULT_PAGE_SIZE }, String(value))));
  const rows = h('tbody', { 'data-test': 'history-rows' });
  const newer = h('button', { type: 'button', 'data-test': 'history-newer', disabled: true }, '← Plus récents');
  const older = h('button', { type: 'button', 'data-test': 'history-older', disabled: true }, 'Plus anciens →');
  const position = h('span', { class: 'muted', 'data-test': 'history-page', 'aria-live': 'polite' });
  /** The `before` of each page shown so far (undefined: the newest); the last is the current page. */
  let cursors: Array<number | undefined> = [undefined];
  let next: number | null = null;

  root.append(
    pageTitle('Historique des alertes'),
    h('p', { class: 'muted' }, 'Chaque épisode d’alerte : ouverture, plus haut niveau atteint, pic, résolution. Un épisode encore ouvert n’a pas de fin.'),
    box,
    card(
      'Épisodes',
      { 'data-test': 'history' },
      h('div', { class: 'row-fields filters' }, field('Type', type), field('Par page', size)),
      scrollRegion(
        'Épisodes d’alerte',
        h('table', {}, h('thead', {}, h('tr', {}, ['Type', 'Point de montage', 'Niveau', 'Ouvert', 'Résolu', 'Durée', 'Pic', 'Seuil', 'Silence'].map((title) => h('th', {}, title)))), rows),
      ),
      h('div', { class: 'buttons pager' }, newer, position, older),
    ),
  );

  const restart = () => {
    cursors = [undefined];
    void load();
  };
  type.addEventListener('change', restart);
  size.addEventListener('change', restart);
  older.addEventListener('click', () => {
    if (next === null) return;
    cursors.push(next);
    void load();
  });
  newer.addEventListener('click', () => {
    if (cursors.length > 1) cursors.pop();
    void load();
  });

  function row(episode: AlertEpisode): HTMLTableRowElement {
    return h(
      'tr',
      { 'data-test': `episode-${episode.id}`, 'data-type': episode.type },
      h('td', {}, episode.type),
      h('td', { class: 'name' }, episode.mount ?? '–'),
      h('td', {}, h('span', { class: `badge ${episode.level}` }, episode.level)),
      h('td', {}, dateTime(episode.opened_at)),
      h('td', {}, episode.resolved_at ? dateTime(episode.resolved_at) : h('span', { class: 'badge open' }, 'en cours')),
      h('td', { class: 'num' }, duration(episode.duration_seconds)),
      h('td', { class: 'num' }, `${episode.peak_value} %`),
      h('td', { class: 'num' }, `${episode.threshold} %`),
      h('td', {}, episode.silenced ? h('span', { class: 'badge silenced' }, 'oui') : 'non'),
    );
  }

  async function load(): Promise<void> {
    const query = new URLSearchParams({ limit: size.value });
    if (type.value) query.set('type', type.value);
    const before = cursors[cursors.length - 1];
    if (before !== undefined) query.set('before', String(before));
    newer.disabled = older.disabled = true;
    try {
      const answer = await api<AlertHistoryAnswer>(`/alerts/history?${query}`);
      box.clear();
      next = answer.next_before;
      fill(
        rows,
        answer.episodes.length === 0
          ? h('tr', {}, h('td', { colSpan: 9, class: 'muted', 'data-test': 'no-episode' }, 'Aucun épisode enregistré'))
          : answer.episodes.map(row),
      );
      position.textContent = `Page ${cursors.length}`;
      newer.disabled = cursors.length === 1;
      older.disabled = next === null;
    } catch (error) {
      box.error(error);
      newer.disabled = cursors.length === 1;
    }
  }

  void load();
  return () => undefined;
}
