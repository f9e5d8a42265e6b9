import { api } from '../api';
import { h } from '../dom';
import { session } from '../session';
import type { LoginAnswer } from '../types';
import { busy, field, notice } from '../ui';

export async function logIn(username: string, password: string): Promise<LoginAnswer> {
  const answer = await api<LoginAnswer>('/login', { method: 'POST', body: { username, password } });
  session.set({
    token: answer.token,
    user: answer.user,
    expires_at: answer.expires_at,
    must_change_password: answer.must_change_password,
  });
  return answer;
}

export function loginPage(root: HTMLElement, onDone: () => void, reason?: string): void {
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Se connecter');
  const box = notice();
  if (reason) box.error(reason);
  const form = h(
    'form',
    {
      class: 'login card',
      'data-test': 'login-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void busy(button, box, async () => {
          await logIn(username.value.trim(), password.value);
          onDone();
        });
      },
    },
    h('h1', {}, 'HealthCheck'),
    h('p', { class: 'muted' }, 'Connectez-vous pour voir la santé de ce serveur.'),
    field("Nom d'utilisateur", username),
    field('Mot de passe', password),
    button,
    box,
  );
  root.appendChild(h('main', { class: 'center' }, form));
}
