import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { api, onAuthChange } from './api';
import { h } from './dom';
import { alertHistoryPage } from './pages/alert-history';
import { commandsPage } from './pages/commands';
import { discordPage } from './pages/discord';
import { fleetPage } from './pages/fleet';
import { loginPage } from './pages/login';
import { overviewPage } from './pages/overview';
import { passwordPage } from './pages/password';
import { silencesPage } from './pages/silences';
import { thresholdsPage } from './pages/thresholds';
import { usersPage } from './pages/users';
import { session } from './session';

type Page = (root: HTMLElement) => (() => void) | void;

/** The pages, each shown only to a user holding its permission (the API checks again anyway). */
const PAGES: Array<{ path: string; title: string; permission: string; page: Page }> = [
  { path: 'overview', title: 'Vue d’ensemble', permission: 'read', page: overviewPage },
  { path: 'history', title: 'Historique', permission: 'read', page: alertHistoryPage },
  { path: 'silences', title: 'Silences', permission: 'read', page: silencesPage },
  { path: 'fleet', title: 'Flotte', permission: 'read', page: fleetPage },
  { path: 'commands', title: 'Commandes', permission: 'execute', page: commandsPage },
  { path: 'users', title: 'Utilisateurs', permission: 'users', page: usersPage },
  { path: 'thresholds', title: 'Seuils', permission: 'config', page: thresholdsPage },
  { path: 'discord', title: 'Discord', permission: 'config', page: discordPage },
];

const app = document.getElementById('app') as HTMLElement;
let cleanup: (() => void) | void;
let reason: string | undefined;

async function logout(): Promise<void> {
  try {
    await api('/logout', { method: 'POST' });
  } catch {
    // The token may already be invalid: forgetting it is what matters.
  }
  session.clear();
  location.hash = '';
  render();
}

function render(): void {
  if (cleanup) cleanup();
  cleanup = undefined;
  app.replaceChildren();
  const current = session.get();
  if (!current) {
    loginPage(app, render, reason);
    reason = undefined;
    return;
  }
  const route = location.hash.replace(/^#\/?/, '');
  if (current.must_change_password || route === 'password') {
    passwordPage(app, current.must_change_password, () => { location.hash = '#/overview'; render(); }, current.must_change_password ? () => void logout() : () => history.back());
    return;
  }
  const allowed = PAGES.filter((page) => current.user.permissions.includes(page.permission));
  const page = PAGES.find((candidate) => candidate.path === (route || 'overview'));
  const nav = h(
    'nav',
    { class: 'nav', 'data-test': 'nav' },
    allowed.map((item) => h('a', { href: `#/${item.path}`, class: item === page ? 'active' : '', 'data-nav': item.path }, item.title)),
  );
  const main = h('main', { class: 'content' });
  app.append(
    h(
      'header',
      { class: 'top' },
      h('a', { class: 'brand', href: '#/overview' }, 'HealthCheck'),
      nav,
      h(
        'div',
        { class: 'who' },
        h('span', { 'data-test': 'who' }, `${current.user.username} · ${current.user.role}`),
        h('a', { href: '#/password', class: 'link' }, 'Mot de passe'),
        h('button', { type: 'button', class: 'link', 'data-test': 'logout', onclick: () => void logout() }, 'Déconnexion'),
      ),
    ),
    main,
  );
  if (!page) {
    main.append(h('p', { class: 'notice error' }, `Page inconnue : ${route}`));
  } else if (!allowed.includes(page)) {
    main.append(h('p', { class: 'notice error', 'data-test': 'denied' }, `Accès refusé : la page « ${page.title} » demande la permission '${page.permission}'`));
  } else {
    cleanup = page.page(main);
  }
}

onAuthChange((kind, message) => {
  if (kind === 'logged-out') reason = message;
  render();
});
window.addEventListener('hashchange', render);
render();
