import { api } from '../api';
import { fill, h } from '../dom';
import { discordMessage } from '../discord-message';
import { dateTime } from '../format';
import type { DiscordLastMessage, DiscordSettings } from '../types';
import { busy, card, every, field, notice, pageTitle } from '../ui';

/** The message card follows deliveries made by the schedule while the page stays open. */
const MESSAGE_REFRESH_MS = 15_000;

export function discordPage(root: HTMLElement): () => void {
  const box = notice();
  const state = h('dl', { class: 'facts', 'data-test': 'discord-state' });
  const url = h('input', { name: 'webhook_url', type: 'url', required: true, placeholder: 'https://discord.com/api/webhooks/…', autocomplete: 'off' });
  const enabled = h('input', { type: 'checkbox', name: 'enabled' });
  const critical = h('input', { type: 'checkbox', name: 'critical', checked: true });
  const warning = h('input', { type: 'checkbox', name: 'warning', checked: true });
  const repeat = h('input', { type: 'number', name: 'repeat_minutes', min: 1, max: 10080, value: '60' });
  const save = h('button', { type: 'submit', class: 'primary' }, 'Enregistrer');
  const test = h('button', { type: 'button', 'data-test': 'discord-test' }, 'Envoyer un test');

  test.addEventListener('click', () =>
    void busy(test, box, async () => {
      const answer = await api<{ message: string; delivered?: boolean; discord_status?: number }>('/config/discord/test', { method: 'POST' });
      await load();
      await loadMessage();
      return `${answer.message}${answer.discord_status ? ` (Discord a répondu ${answer.discord_status})` : ''}`;
    }),
  );
  const form = h(
    'form',
    {
      'data-test': 'discord-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void busy(save, box, async () => {
          const notifyOn = [critical.checked && 'critical', warning.checked && 'warning'].filter(Boolean);
          const answer = await api<{ message: string }>('/config/discord', {
            method: 'POST',
            body: { webhook_url: url.value.trim(), enabled: enabled.checked, notify_on: notifyOn, repeat_minutes: repeat.valueAsNumber },
          });
          url.value = '';
          await load();
          return answer.message;
        });
      },
    },
    field('URL du webhook (le token n’est jamais réaffiché : saisissez-la à chaque enregistrement)', url),
    h('label', { class: 'check' }, enabled, ' Notifications activées'),
    h('fieldset', {}, h('legend', {}, 'Notifier les alertes'), h('label', { class: 'check' }, critical, ' critical'), h('label', { class: 'check' }, warning, ' warning')),
    field('Renvoyer une alerte inchangée au plus toutes les (minutes)', repeat),
    h('div', { class: 'buttons' }, save, test),
  );
  const messageTitle = h('h2', {}, 'Dernier message');
  const messageNote = h('p', { class: 'muted', 'data-test': 'discord-message-note' });
  const channel = h('div', { class: 'dc-channel', 'data-test': 'discord-channel' });
  const json = h('pre', { class: 'output', 'data-test': 'discord-json' });
  const jsonBox = h('details', { class: 'dc-json', hidden: true }, h('summary', {}, 'Le JSON, tel qu’il est envoyé au webhook'), json);
  root.append(
    pageTitle('Discord'),
    box,
    h('div', { class: 'grid two' }, card('État', {}, state), card('Réglages', {}, form)),
    h('section', { class: 'card', 'data-test': 'discord-last-message' }, messageTitle, messageNote, channel, jsonBox),
  );

  /** The last message Discord accepted, or before any the preview, drawn from the payload the API holds. */
  async function loadMessage(): Promise<void> {
    const answer = await api<DiscordLastMessage>('/config/discord/last-message');
    const shown = answer.payload ?? answer.preview;
    channel.dataset.kind = answer.payload ? 'delivered' : answer.preview ? 'preview' : 'none';
    if (answer.payload) {
      messageTitle.textContent = 'Dernier message reçu par Discord';
      messageNote.textContent = `Envoyé ${dateTime(answer.delivered_at)} ; dessiné ici comme Discord l’affiche, depuis le JSON exact envoyé au webhook.`;
    } else if (answer.preview) {
      messageTitle.textContent = 'Aperçu du prochain message';
      messageNote.textContent = 'Aucun message envoyé pour l’instant. Voici ce que les alertes en cours enverraient, construit par le serveur comme un vrai envoi.';
    } else {
      messageTitle.textContent = 'Dernier message';
      messageNote.textContent = 'Aucun message envoyé pour l’instant, et aucune alerte en cours à envoyer.';
    }
    fill(channel, shown ? discordMessage(shown, answer.payload ? answer.delivered_at : new Date().toISOString()) : null);
    channel.hidden = !shown;
    json.textContent = shown ? JSON.stringify(shown, null, 2) : '';
    jsonBox.hidden = !shown;
  }

  async function load(): Promise<void> {
    const settings = await api<DiscordSettings>('/config/discord');
    enabled.checked = settings.enabled;
    critical.checked = settings.notify_on.includes('critical');
    warning.checked = settings.notify_on.includes('warning');
    repeat.value = String(settings.repeat_minutes ?? 60);
    fill(
      state,
      h('dt', {}, 'Webhook'), h('dd', {}, settings.webhook_configured ? (settings.webhook_url ?? 'configuré') : 'non configuré'),
      h('dt', {}, 'Activé'), h('dd', {}, settings.enabled ? 'oui' : 'non'),
      h('dt', {}, 'Niveaux'), h('dd', {}, settings.notify_on.join(', ') || '–'),
      settings.schedule ? [h('dt', {}, 'Vérification'), h('dd', {}, settings.schedule)] : null,
      h('dt', {}, 'Dernier envoi'), h('dd', {}, dateTime(settings.last_sent_at)),
      h('dt', {}, 'Dernière erreur'), h('dd', { class: settings.last_error ? 'critical-text' : '' }, settings.last_error ?? 'aucune'),
    );
  }
  load().catch((error) => box.error(error));
  return every(MESSAGE_REFRESH_MS, () => loadMessage().catch((error) => box.error(error)));
}
