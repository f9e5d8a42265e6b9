import { h } from './dom';
import type { DiscordPayload } from './types';

/** Discord's grey bar for an embed without a colour. */
const NO_COLOR = '#1e1f22';
const clock = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', hour12: false });
const day = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric' });

/** As Discord writes a time in French: `Aujourd’hui à 15:30`, `Hier à 09:05`, else `02/12/2026 15:30`. */
export function discordTime(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const midnight = (value: Date) => new Date(value.getFullYear(), value.getMonth(), value.getDate()).getTime();
  const days = Math.round((midnight(now) - midnight(date)) / 86_400_000);
  if (days === 0) return `Aujourd’hui à ${clock.format(date)}`;
  if (days === 1) return `Hier à ${clock.format(date)}`;
  return `${day.format(date)} ${clock.format(date)}`;
}

export const colorOf = (color: number | undefined) => (typeof color === 'number' ? `#${color.toString(16).padStart(6, '0')}` : NO_COLOR);

/**
 * A webhook message drawn the way Discord shows it in a channel: avatar, bot name, time, the content
 * line, then each embed with its colour bar, title, description, fields (inline ones side by side,
 * three to a row), footer and timestamp. Everything comes from the payload itself; the text stays
 * text (no markdown), as the payloads HealthCheck sends have none.
 */
export function discordMessage(payload: DiscordPayload, sentAt: string | null): HTMLElement {
  const name = payload.username || 'Webhook';
  return h(
    'article',
    { class: 'dc-message', 'data-test': 'discord-message' },
    h('div', { class: 'dc-avatar', 'aria-hidden': 'true' }, name.charAt(0).toUpperCase()),
    h(
      'div',
      { class: 'dc-body' },
      h('div', { class: 'dc-head' }, h('span', { class: 'dc-author' }, name), h('span', { class: 'dc-tag' }, 'BOT'), sentAt ? h('time', { class: 'dc-time', datetime: sentAt }, discordTime(sentAt)) : null),
      payload.content ? h('div', { class: 'dc-content', 'data-test': 'discord-content' }, payload.content) : null,
      (payload.embeds ?? []).map((embed) => {
        const footer = [embed.footer?.text, embed.timestamp ? discordTime(embed.timestamp) : null].filter(Boolean).join(' • ');
        return h(
          'div',
          { class: 'dc-embed', 'data-test': 'discord-embed', style: `border-left-color: ${colorOf(embed.color)}` },
          embed.title ? h('div', { class: 'dc-title', 'data-test': 'embed-title' }, embed.title) : null,
          embed.description ? h('div', { class: 'dc-description', 'data-test': 'embed-description' }, embed.description) : null,
          embed.fields?.length ? h('div', { class: 'dc-fields' }, fieldCells(embed.fields)) : null,
          footer ? h('div', { class: 'dc-footer', 'data-test': 'embed-footer' }, footer) : null,
        );
      }),
    ),
  );
}

type Field = NonNullable<NonNullable<DiscordPayload['embeds']>[number]['fields']>[number];

/**
 * Discord's field grid (12 columns): consecutive inline fields share a row, three at most, and
 * split it evenly (one alone takes the row, two take half each); a field that is not inline takes
 * a row of its own.
 */
function fieldCells(fields: Field[]): HTMLElement[] {
  const rows: Field[][] = [];
  for (const item of fields) {
    const row = rows[rows.length - 1];
    if (item.inline && row && row.length < 3 && row.every((other) => other.inline)) row.push(item);
    else rows.push([item]);
  }
  return rows.flatMap((row) =>
    row.map((item) =>
      h('div', { class: 'dc-field', 'data-test': 'embed-field', 'data-inline': String(Boolean(item.inline)), style: `grid-column: span ${12 / row.length}` },
        h('div', { class: 'dc-field-name' }, item.name),
        h('div', { class: 'dc-field-value' }, item.value)),
    ),
  );
}
