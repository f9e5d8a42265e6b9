import { api } from '../api';
import { fill, h } from '../dom';
import { dateTime } from '../format';
import { session } from '../session';
import type { UserRow, UsersAnswer } from '../types';
import { busy, card, field, notice, pageTitle, scrollRegion } from '../ui';

const ROLES = ['viewer', 'technicien', 'admin'] as const;

function roleSelect(value: string, label?: string) {
  return h('select', { name: 'role', 'aria-label': label }, ROLES.map((role) => h('option', { value: role, selected: role === value }, role)));
}

export function usersPage(root: HTMLElement): () => void {
  const box = notice();
  const rows = h('tbody', { 'data-test': 'users-rows' });

  const username = h('input', { name: 'username', required: true, autocomplete: 'off', placeholder: 'jean.dupont' });
  const password = h('input', { name: 'password', type: 'password', required: true, autocomplete: 'new-password' });
  const role = roleSelect('viewer');
  const createButton = h('button', { type: 'submit', class: 'primary' }, 'Créer');
  const createBox = notice();
  const createForm = h(
    'form',
    {
      class: 'inline-form',
      'data-test': 'create-user',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void busy(createButton, createBox, async () => {
          const answer = await api<{ message: string; user: UserRow }>('/users', {
            method: 'POST',
            body: { username: username.value.trim(), password: password.value, role: role.value },
          });
          createForm.reset();
          await load();
          return `${answer.message} : ${answer.user.username} (${answer.user.role}), qui devra changer son mot de passe à la première connexion`;
        });
      },
    },
    field("Nom d'utilisateur", username),
    field('Mot de passe provisoire', password),
    field('Rôle', role),
    createButton,
  );

  root.append(
    pageTitle('Utilisateurs'),
    box,
    card('Comptes', {}, scrollRegion('Comptes', h('table', {}, h('thead', {}, h('tr', {}, ['Nom', 'Rôle', 'Créé le', 'Dernière connexion', 'Actions'].map((title) => h('th', {}, title)))), rows))),
    card('Nouvel utilisateur', {}, createForm, createBox),
  );

  function row(user: UserRow): HTMLTableRowElement {
    const select = roleSelect(user.role, `Rôle de ${user.username}`);
    const save = h('button', { type: 'button' }, 'Changer le rôle');
    const reset = h('input', { type: 'password', name: 'reset', placeholder: 'nouveau mot de passe', autocomplete: 'new-password', 'aria-label': `Nouveau mot de passe pour ${user.username}` });
    const resetButton = h('button', { type: 'button' }, 'Réinitialiser');
    const remove = h('button', { type: 'button', class: 'danger' }, 'Supprimer');
    const self = session.get()?.user.id === user.id;
    save.addEventListener('click', () =>
      void busy(save, box, async () => {
        const answer = await api<{ message: string }>(`/users/${user.id}`, { method: 'PUT', body: { role: select.value } });
        await load();
        return `${answer.message} (${user.username} : ${select.value})`;
      }),
    );
    resetButton.addEventListener('click', () =>
      void busy(resetButton, box, async () => {
        const answer = await api<{ message: string }>(`/users/${user.id}`, { method: 'PUT', body: { password: reset.value } });
        reset.value = '';
        return `${answer.message} (${user.username} devra changer ce mot de passe)`;
      }),
    );
    // Two clicks to delete, without a blocking confirm() dialog.
    remove.addEventListener('click', () => {
      if (remove.dataset.armed !== 'yes') {
        remove.dataset.armed = 'yes';
        remove.textContent = 'Confirmer ?';
        return;
      }
      void busy(remove, box, async () => {
        const answer = await api<{ message: string }>(`/users/${user.id}`, { method: 'DELETE' });
        await load();
        return answer?.message ?? `Utilisateur ${user.username} supprimé`;
      });
    });
    return h(
      'tr',
      { 'data-test': `user-${user.username}` },
      h('td', { class: 'name' }, user.username, self ? h('small', { class: 'muted' }, ' (vous)') : null),
      h('td', {}, h('div', { class: 'actions' }, select, save)),
      h('td', {}, dateTime(user.created_at)),
      h('td', {}, dateTime(user.last_login)),
      h('td', {}, h('div', { class: 'actions' }, reset, resetButton, remove)),
    );
  }

  async function load(): Promise<void> {
    const answer = await api<UsersAnswer>('/users');
    fill(rows, answer.users.map(row));
  }
  load().catch((error) => box.error(error));
  return () => undefined;
}
