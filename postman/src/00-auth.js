const { request, folder, status, apiError } = require('./lib');

// Fresh server: the default account admin / {{password}} (admin123) must change its password before
// anything else. This folder logs in, checks that gate, changes the password to {{newPassword}} and
// logs in again: {{token}} (admin) is what every later request sends.
const iso = '/^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$/';
const login = (username, password) => ({ username, password });
const change = (current, next, confirm = next) => ({ current_password: current, new_password: next, confirm_password: confirm });
const invalidChange = (name, body, message) =>
  request({
    name: `POST /change-password, ${name} → 400`,
    method: 'POST',
    path: '/change-password',
    body,
    tests: [...apiError(400, 'Requête invalide'), `pm.test('message', () => pm.expect(pm.response.json().message).to.eql(${JSON.stringify(message)}));`],
  });

module.exports = folder(
  'Auth',
  [
    request({
      name: 'GET /me without token → 401 Token manquant',
      path: '/me',
      auth: false,
      tests: [
        ...status(401),
        "pm.test('exactly the spec answer', () => pm.expect(pm.response.json()).to.eql({ error: 'Token manquant', message: \"Header 'Authorization: Bearer <token>' requis\" }));",
      ],
    }),
    request({
      name: 'GET /cpu with a bad token → 401 Token invalide',
      path: '/cpu',
      auth: false,
      headers: [{ key: 'Authorization', value: 'Bearer not.a-valid.token' }],
      tests: apiError(401, 'Token invalide'),
    }),
    request({
      name: 'POST /login, wrong password → 401 Connexion échouée',
      method: 'POST',
      path: '/login',
      auth: false,
      body: login('{{username}}', 'wrong-password'),
      tests: [
        ...status(401),
        "pm.test('exactly the spec answer', () => pm.expect(pm.response.json()).to.eql({ error: 'Connexion échouée', message: \"Nom d'utilisateur ou mot de passe incorrect\" }));",
      ],
    }),
    request({
      name: 'POST /login, unknown user → the same 401',
      method: 'POST',
      path: '/login',
      auth: false,
      body: login('nobody', 'wrong-password'),
      tests: [
        ...status(401),
        "pm.test('same answer as a wrong password', () => pm.expect(pm.response.json()).to.eql({ error: 'Connexion échouée', message: \"Nom d'utilisateur ou mot de passe incorrect\" }));",
      ],
    }),
    request({
      name: 'POST /login without password → 400',
      method: 'POST',
      path: '/login',
      auth: false,
      body: { username: '{{username}}' },
      tests: apiError(400, 'Requête invalide'),
    }),
    request({
      name: 'POST /login (default admin) → token, must change password',
      method: 'POST',
      path: '/login',
      auth: false,
      body: login('{{username}}', '{{password}}'),
      tests: [
        ...status(200),
        "pm.test('spec login answer', () => { const b = pm.response.json(); pm.expect(b.message).to.eql('Connexion réussie'); pm.expect(b.token).to.match(/^[\\w-]+\\.[\\w-]+\\.[\\w-]+$/); pm.expect(b.user).to.eql({ id: b.user.id, username: pm.variables.get('username'), role: 'admin', permissions: ['read', 'execute', 'config', 'users'] }); pm.expect(b.must_change_password).to.eql(true); });",
        `pm.test('expires_at about TOKEN_TTL (24 h) ahead', () => { const at = pm.response.json().expires_at; pm.expect(at).to.match(${iso}); const ttl = Date.parse(at) - Date.now(); pm.expect(ttl).to.be.within(86400000 - 120000, 86400000 + 120000); });`,
        "pm.environment.set('token', pm.response.json().token); pm.collectionVariables.set('adminId', pm.response.json().user.id);",
      ],
    }),
    request({
      name: 'GET /me (must_change_password: true)',
      path: '/me',
      tests: [
        ...status(200),
        `pm.test('profile', () => { const b = pm.response.json(); pm.expect(b.username).to.eql(pm.variables.get('username')); pm.expect(b.role).to.eql('admin'); pm.expect(b.must_change_password).to.eql(true); pm.expect(b.created_at).to.match(${iso}); pm.expect(b.token_expires_at).to.match(${iso}); });`,
        "pm.test('no hash, no token', () => pm.expect(pm.response.text()).to.not.match(/argon2|password_hash|\"token\"/));",
      ],
    }),
    request({
      name: 'GET /cpu before the change → 403 Changement de mot de passe requis',
      path: '/cpu',
      tests: apiError(403, 'Changement de mot de passe requis'),
    }),
    request({
      name: 'GET /users before the change → 403 Changement de mot de passe requis',
      path: '/users',
      tests: apiError(403, 'Changement de mot de passe requis'),
    }),
    invalidChange('confirmation differs', change('{{password}}', '{{newPassword}}', 'Something-Else-1'), 'La confirmation ne correspond pas au nouveau mot de passe'),
    invalidChange('too short', change('{{password}}', 'short'), 'Le mot de passe doit faire entre 8 et 256 caractères'),
    invalidChange('keeping admin123 (a common password)', change('{{password}}', '{{password}}'), 'Le mot de passe fait partie des plus courants : choisissez-en un autre'),
    invalidChange('a common password', change('{{password}}', 'password123'), 'Le mot de passe fait partie des plus courants : choisissez-en un autre'),
    invalidChange('only spaces', change('{{password}}', '          '), "Le mot de passe ne peut pas être fait que d'espaces ou de caractères de contrôle"),
    invalidChange('containing the username', change('{{password}}', 'My-ADMIN-Pass-9'), "Le mot de passe ne doit pas contenir le nom d'utilisateur"),
    invalidChange('wrong current password', change('not-the-password', '{{newPassword}}'), 'Le mot de passe actuel est incorrect'),
    request({
      name: 'POST /change-password as a form (not JSON) → 415',
      method: 'POST',
      path: '/change-password',
      body: 'current_password=admin123&new_password=x&confirm_password=x',
      headers: [{ key: 'Content-Type', value: 'application/x-www-form-urlencoded' }],
      tests: apiError(415, 'Type de contenu non supporté'),
    }),
    request({
      name: 'POST /change-password → {{newPassword}}',
      method: 'POST',
      path: '/change-password',
      body: change('{{password}}', '{{newPassword}}'),
      tests: [...status(200), "pm.test('spec answer', () => pm.expect(pm.response.json()).to.eql({ message: 'Mot de passe modifié avec succès' }));"],
    }),
    request({
      name: 'GET /cpu after the change (same token) → 200',
      path: '/cpu',
      tests: status(200),
    }),
    request({
      name: 'POST /login with the old password → 401',
      method: 'POST',
      path: '/login',
      auth: false,
      body: login('{{username}}', '{{password}}'),
      tests: apiError(401, 'Connexion échouée'),
    }),
    request({
      name: 'POST /login with {{newPassword}} → sets {{token}}',
      method: 'POST',
      path: '/login',
      auth: false,
      body: login('{{username}}', '{{newPassword}}'),
      tests: [
        ...status(200),
        "pm.test('no change required any more', () => pm.expect(pm.response.json().must_change_password).to.eql(false));",
        "pm.environment.set('token', pm.response.json().token);",
      ],
    }),
    request({
      name: 'GET /me (must_change_password: false)',
      path: '/me',
      tests: [
        ...status(200),
        "pm.test('admin, password changed', () => { const b = pm.response.json(); pm.expect(b.permissions).to.eql(['read', 'execute', 'config', 'users']); pm.expect(b.must_change_password).to.eql(false); pm.expect(b.last_login).to.be.a('string'); });",
      ],
    }),
  ],
  'Log in as the default admin, check the must-change-password gate, change the password, log in again: {{token}} is the admin token of every later request. Logout is checked in the last folder.',
);
