import { api } from '../api';
import { h } from '../dom';
import { session } from '../session';
import { busy, field, notice } from '../ui';
import { logIn } from './login';

/**
 * The password change. `forced` when the API demands it (`must_change_password`): nothing else is
 * reachable until it is done. Afterwards the page logs in again with the new password, so the
 * session it keeps is one the API issued after the change.
 */
export function passwordPage(root: HTMLElement, forced: boolean, onDone: () => void, onCancel: () => void): void {
  const current = h('input', { name: 'current_password', type: 'password', autocomplete: 'current-password', required: true });
  const next = h('input', { name: 'new_password', type: 'password', autocomplete: 'new-password', required: true, minLength: 8 });
  const confirm = h('input', { name: 'confirm_password', type: 'password', autocomplete: 'new-password', required: true });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Changer le mot de passe');
  const box = notice();
  const username = session.get()?.user.username ?? '';
  const form = h(
    'form',
    {
      class: 'login card',
      'data-test': 'password-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void busy(button, box, async () => {
          await api('/change-password', {
            method: 'POST',
            body: { current_password: current.value, new_password: next.value, confirm_password: confirm.value },
          });
          await logIn(username, next.value);
          onDone();
        });
      },
    },
    h('h1', {}, forced ? 'Changement de mot de passe requis' : 'Changer mon mot de passe'),
    forced ? h('p', { class: 'muted' }, `Le compte ${username} utilise un mot de passe provisoire : choisissez-en un nouveau (8 caractères au moins).`) : null,
    field('Mot de passe actuel', current),
    field('Nouveau mot de passe', next),
    field('Confirmation', confirm),
    button,
    h('button', { type: 'button', class: 'link', onclick: onCancel }, forced ? 'Se déconnecter' : 'Annuler'),
    box,
  );
  root.appendChild(h('main', { class: 'center' }, form));
}
