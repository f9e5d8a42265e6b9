const { request, folder, status, apiError } = require('./lib');

// Last folder: logging out revokes the token at once.
module.exports = folder(
  'Logout',
  [
    request({
      name: 'POST /logout (viewer)',
      method: 'POST',
      path: '/logout',
      auth: 'viewerToken',
      tests: [...status(200), "pm.test('spec answer', () => pm.expect(pm.response.json()).to.eql({ message: 'Déconnexion réussie' }));"],
    }),
    request({ name: 'GET /cpu with the logged-out viewer token → 401', path: '/cpu', auth: 'viewerToken', tests: apiError(401, 'Token invalide') }),
    request({ name: 'GET /me (admin still logged in)', path: '/me', tests: status(200) }),
    request({
      name: 'POST /logout (admin)',
      method: 'POST',
      path: '/logout',
      tests: [...status(200), "pm.test('spec answer', () => pm.expect(pm.response.json()).to.eql({ message: 'Déconnexion réussie' }));"],
    }),
    request({ name: 'GET /me with the same token → 401 Token invalide', path: '/me', tests: apiError(401, 'Token invalide') }),
    request({ name: 'POST /logout again → 401 Token invalide', method: 'POST', path: '/logout', tests: apiError(401, 'Token invalide') }),
  ],
  'Logout revokes the token of the request at once; other sessions stay.',
);
