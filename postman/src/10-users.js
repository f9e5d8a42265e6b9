const { request, folder, status, apiError, checkedAt } = require('./lib');

// Users (admin). Creates a viewer and a technicien, logs them in, changes their passwords (forced at
// first login) and keeps their tokens in {{viewerToken}} and {{technicianToken}} for later folders.
// Ids go to collection variables: {{viewerId}}, {{technicianId}}, {{tempUserId}}; {{adminId}} comes
// from 00-auth.
const iso = '/^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$/';
const PEOPLE = {
  viewer: { username: 'postman.viewer', role: 'viewer', initial: 'Viewer-Temp-Pass-1', final: 'Viewer-Final-Pass-1', id: 'viewerId', token: 'viewerToken' },
  technicien: { username: 'postman.tech', role: 'technicien', initial: 'Tech-Temp-Pass-1', final: 'Tech-Final-Pass-1', id: 'technicianId', token: 'technicianToken' },
};
const PERMISSIONS = { viewer: ['read'], technicien: ['read', 'execute'] };

const create = (who) =>
  request({
    name: `POST /users (${who.role} ${who.username})`,
    method: 'POST',
    path: '/users',
    body: { username: who.username, password: who.initial, role: who.role },
    tests: [
      ...status(201),
      `pm.test('spec answer', () => { const b = pm.response.json(); pm.expect(b.message).to.eql('Utilisateur créé avec succès'); pm.expect(b.user).to.eql({ id: b.user.id, username: '${who.username}', role: '${who.role}', permissions: ${JSON.stringify(PERMISSIONS[who.role])}, created_at: b.user.created_at }); pm.expect(b.user.id).to.be.a('number'); pm.expect(b.user.created_at).to.match(${iso}); });`,
      `pm.collectionVariables.set('${who.id}', pm.response.json().user.id);`,
    ],
  });

/** First login (forced change), the change, the login that gives the token later folders use. */
const firstLogin = (who) => [
  request({
    name: `POST /login as ${who.username} (must change password)`,
    method: 'POST',
    path: '/login',
    auth: false,
    body: { username: who.username, password: who.initial },
    tests: [
      ...status(200),
      `pm.test('must change password', () => { const b = pm.response.json(); pm.expect(b.must_change_password).to.eql(true); pm.expect(b.user.permissions).to.eql(${JSON.stringify(PERMISSIONS[who.role])}); });`,
      `pm.environment.set('${who.token}', pm.response.json().token);`,
    ],
  }),
  request({ name: `GET /cpu as ${who.username} before the change → 403`, path: '/cpu', auth: who.token, tests: apiError(403, 'Changement de mot de passe requis') }),
  request({
    name: `POST /change-password as ${who.username}`,
    method: 'POST',
    path: '/change-password',
    auth: who.token,
    body: { current_password: who.initial, new_password: who.final, confirm_password: who.final },
    tests: [...status(200), "pm.test('changed', () => pm.expect(pm.response.json().message).to.eql('Mot de passe modifié avec succès'));"],
  }),
  request({
    name: `POST /login as ${who.username} → sets {{${who.token}}}`,
    method: 'POST',
    path: '/login',
    auth: false,
    body: { username: who.username, password: who.final },
    tests: [
      ...status(200),
      "pm.test('no change required', () => pm.expect(pm.response.json().must_change_password).to.eql(false));",
      `pm.environment.set('${who.token}', pm.response.json().token);`,
    ],
  }),
  request({
    name: `GET /me as ${who.username}`,
    path: '/me',
    auth: who.token,
    tests: [
      ...status(200),
      `pm.test('role and permissions', () => { const b = pm.response.json(); pm.expect(b.username).to.eql('${who.username}'); pm.expect(b.role).to.eql('${who.role}'); pm.expect(b.permissions).to.eql(${JSON.stringify(PERMISSIONS[who.role])}); pm.expect(b.must_change_password).to.eql(false); });`,
    ],
  }),
];

const noSecrets = "pm.test('no hash, no token', () => pm.expect(pm.response.text()).to.not.match(/argon2|password_hash|\"token\"/));";

module.exports = folder(
  'Users',
  [
    request({
      name: 'GET /users (only the admin)',
      path: '/users',
      tests: [
        ...status(200),
        ...checkedAt,
        `pm.test('spec list', () => { const b = pm.response.json(); pm.expect(b.total).to.eql(1); pm.expect(b.users).to.have.lengthOf(1); const u = b.users[0]; pm.expect(String(u.id)).to.eql(String(pm.collectionVariables.get('adminId'))); pm.expect(u.username).to.eql(pm.variables.get('username')); pm.expect(u.role).to.eql('admin'); pm.expect(u.created_at).to.match(${iso}); pm.expect(u.last_login).to.match(${iso}); });`,
        noSecrets,
      ],
    }),
    create(PEOPLE.viewer),
    create(PEOPLE.technicien),
    request({
      name: 'POST /users, duplicate username → 409',
      method: 'POST',
      path: '/users',
      body: { username: PEOPLE.viewer.username, password: 'Another-Pass-1', role: 'viewer' },
      tests: [...apiError(409, 'Conflit'), `pm.test('says why', () => pm.expect(pm.response.json().message).to.eql("Le nom d'utilisateur '${PEOPLE.viewer.username}' existe déjà"));`],
    }),
    request({
      name: 'POST /users, unknown role → 400',
      method: 'POST',
      path: '/users',
      body: { username: 'postman.root', password: 'Valid-Pass-123', role: 'superadmin' },
      tests: [...apiError(400, 'Requête invalide'), "pm.test('says why', () => pm.expect(pm.response.json().message).to.eql('Le rôle doit être viewer, technicien ou admin'));"],
    }),
    request({
      name: 'POST /users, bad username → 400',
      method: 'POST',
      path: '/users',
      body: { username: 'Jean Dupont', password: 'Valid-Pass-123', role: 'viewer' },
      tests: [...apiError(400, 'Requête invalide'), "pm.test('says why', () => pm.expect(pm.response.json().message).to.match(/^Le nom d'utilisateur doit faire 3 à 32 caractères/));"],
    }),
    request({
      name: 'POST /users, short password → 400',
      method: 'POST',
      path: '/users',
      body: { username: 'postman.short', password: 'short', role: 'viewer' },
      tests: [...apiError(400, 'Requête invalide'), "pm.test('says why', () => pm.expect(pm.response.json().message).to.eql('Le mot de passe doit faire entre 8 et 256 caractères'));"],
    }),
    request({
      name: 'POST /users, common password → 400',
      method: 'POST',
      path: '/users',
      body: { username: 'postman.weak', password: 'password123', role: 'viewer' },
      tests: [...apiError(400, 'Requête invalide'), "pm.test('says why', () => pm.expect(pm.response.json().message).to.eql('Le mot de passe fait partie des plus courants : choisissez-en un autre'));"],
    }),
    request({
      name: 'POST /users, password containing the username → 400',
      method: 'POST',
      path: '/users',
      body: { username: 'postman.weak', password: 'Postman.Weak-2025', role: 'viewer' },
      tests: [...apiError(400, 'Requête invalide'), "pm.test('says why', () => pm.expect(pm.response.json().message).to.eql(\"Le mot de passe ne doit pas contenir le nom d'utilisateur\"));"],
    }),
    request({
      name: 'GET /users/{{viewerId}}',
      path: '/users/{{viewerId}}',
      tests: [
        ...status(200),
        ...checkedAt,
        `pm.test('one user', () => { const u = pm.response.json().user; pm.expect(String(u.id)).to.eql(String(pm.collectionVariables.get('viewerId'))); pm.expect(u.username).to.eql('${PEOPLE.viewer.username}'); pm.expect(u.role).to.eql('viewer'); pm.expect(u.permissions).to.eql(['read']); pm.expect(u.must_change_password).to.eql(true); pm.expect(u.last_login).to.eql(null); });`,
        noSecrets,
      ],
    }),
    request({ name: 'GET /users/99999 → 404', path: '/users/99999', tests: apiError(404, 'Utilisateur introuvable') }),
    request({ name: 'GET /users/abc → 400', path: '/users/abc', tests: apiError(400, 'Requête invalide') }),
    request({
      name: 'POST /users (postman.temp, to change and delete)',
      method: 'POST',
      path: '/users',
      body: { username: 'postman.temp', password: 'Temp-User-Pass-1', role: 'viewer' },
      tests: [...status(201), "pm.collectionVariables.set('tempUserId', pm.response.json().user.id);"],
    }),
    request({
      name: 'PUT /users/{{tempUserId}} role technicien',
      method: 'PUT',
      path: '/users/{{tempUserId}}',
      body: { role: 'technicien' },
      tests: [
        ...status(200),
        "pm.test('role changed', () => { const b = pm.response.json(); pm.expect(b.message).to.eql('Utilisateur modifié avec succès'); pm.expect(b.user.role).to.eql('technicien'); pm.expect(b.user.permissions).to.eql(['read', 'execute']); });",
        noSecrets,
      ],
    }),
    request({
      name: 'PUT /users/{{tempUserId}} password reset (must change again)',
      method: 'PUT',
      path: '/users/{{tempUserId}}',
      body: { password: 'Reset-User-Pass-1' },
      tests: [...status(200), "pm.test('must change password', () => pm.expect(pm.response.json().user.must_change_password).to.eql(true));", noSecrets],
    }),
    request({
      name: 'PUT /users/{{tempUserId}} password reset to a common password → 400',
      method: 'PUT',
      path: '/users/{{tempUserId}}',
      body: { password: '12345678' },
      tests: [...apiError(400, 'Requête invalide'), "pm.test('says why', () => pm.expect(pm.response.json().message).to.eql('Le mot de passe fait partie des plus courants : choisissez-en un autre'));"],
    }),
    request({
      name: 'PUT /users/{{tempUserId}} unknown role → 400',
      method: 'PUT',
      path: '/users/{{tempUserId}}',
      body: { role: 'root' },
      tests: apiError(400, 'Requête invalide'),
    }),
    request({
      name: 'PUT /users/{{tempUserId}} empty body → 400',
      method: 'PUT',
      path: '/users/{{tempUserId}}',
      body: {},
      tests: apiError(400, 'Requête invalide'),
    }),
    request({
      name: 'PUT /users/{{adminId}} role viewer (last admin) → 409',
      method: 'PUT',
      path: '/users/{{adminId}}',
      body: { role: 'viewer' },
      tests: [...apiError(409, 'Conflit'), "pm.test('says why', () => pm.expect(pm.response.json().message).to.match(/dernier/));"],
    }),
    request({
      name: 'DELETE /users/{{adminId}} (own account) → 409',
      method: 'DELETE',
      path: '/users/{{adminId}}',
      tests: [...apiError(409, 'Conflit'), "pm.test('says why', () => pm.expect(pm.response.json().message).to.eql('Un administrateur ne peut pas supprimer son propre compte'));"],
    }),
    request({
      name: 'DELETE /users/{{tempUserId}}',
      method: 'DELETE',
      path: '/users/{{tempUserId}}',
      tests: [...status(200), "pm.test('spec-like answer', () => pm.expect(pm.response.json()).to.eql({ message: 'Utilisateur supprimé avec succès' }));"],
    }),
    request({ name: 'GET /users/{{tempUserId}} after delete → 404', path: '/users/{{tempUserId}}', tests: apiError(404, 'Utilisateur introuvable') }),
    request({ name: 'DELETE /users/{{tempUserId}} again → 404', method: 'DELETE', path: '/users/{{tempUserId}}', tests: apiError(404, 'Utilisateur introuvable') }),
    ...firstLogin(PEOPLE.viewer),
    ...firstLogin(PEOPLE.technicien),
    request({
      name: 'GET /users as viewer → 403 Accès refusé',
      path: '/users',
      auth: 'viewerToken',
      tests: [
        ...status(403),
        "pm.test('exactly the answer', () => pm.expect(pm.response.json()).to.eql({ error: 'Accès refusé', message: \"Permission 'users' requise pour cette action\" }));",
      ],
    }),
    request({
      name: 'POST /users as technicien → 403 Accès refusé',
      method: 'POST',
      path: '/users',
      auth: 'technicianToken',
      body: { username: 'postman.nope', password: 'Valid-Pass-123', role: 'admin' },
      tests: apiError(403, 'Accès refusé'),
    }),
    request({ name: 'DELETE /users/{{viewerId}} as viewer → 403', method: 'DELETE', path: '/users/{{viewerId}}', auth: 'viewerToken', tests: apiError(403, 'Accès refusé') }),
    request({ name: 'GET /users without token → 401', path: '/users', auth: false, tests: apiError(401, 'Token manquant') }),
    request({
      name: 'GET /users (admin, viewer, technicien)',
      path: '/users',
      tests: [
        ...status(200),
        `pm.test('three users', () => { const b = pm.response.json(); pm.expect(b.total).to.eql(3); pm.expect(b.users.map(u => u.username)).to.include.members(['${PEOPLE.viewer.username}', '${PEOPLE.technicien.username}']); });`,
      ],
    }),
  ],
  'User management (permission users, admin only). The viewer and technicien created here are used by the later folders through {{viewerToken}} and {{technicianToken}}.',
);
