import { DataSource } from 'typeorm';
import { expectError, ISO_SECONDS, TestApp } from './support/test-app';

const DEFAULTS = {
  cpu: { warning: 70, critical: 90 },
  memory: { warning: 70, critical: 85 },
  disk: { warning: 80, critical: 90 },
};
const SPEC_BODY = {
  cpu: { warning: 60, critical: 85 },
  memory: { warning: 75, critical: 90 },
  disk: { warning: 70, critical: 85 },
};

/** What GET answers for levels set by the spec's bodies: the spec's fields unchanged, the new ones at their defaults. */
const answered = (set: Record<string, { warning: number; critical: number }>) => ({
  ...Object.fromEntries(Object.entries(set).map(([resource, level]) => [resource, { ...level, for_minutes: 0, clear_margin: 0 }])),
  disk_mounts: {},
  ignored_mounts: [],
});

describe('configurable thresholds (e2e)', () => {
  let api: TestApp;
  let admin: string;
  let viewer: string;
  let technicien: string;
  const current = async () => (await api.get('/config/thresholds', { token: viewer })).body.thresholds;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.adminToken();
    viewer = await api.userToken('th.viewer', 'viewer', admin);
    technicien = await api.userToken('th.tech', 'technicien', admin);
  });
  afterAll(() => api.close());

  it('GET answers the spec shape with the defaults, for any role', async () => {
    for (const token of [viewer, technicien, admin]) {
      const answer = await api.get('/config/thresholds', { token });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ checked_at: expect.stringMatching(ISO_SECONDS), thresholds: answered(DEFAULTS) });
    }
  });

  it("PUT with the spec's body answers the spec's answer, with updated_at and updated_by", async () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const answer = await api.put('/config/thresholds', SPEC_BODY, { token: admin });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      message: 'Seuils mis à jour avec succès',
      thresholds: answered(SPEC_BODY),
      updated_at: expect.stringMatching(ISO_SECONDS),
      updated_by: 'admin',
    });
    expect(Date.parse(answer.body.updated_at)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(answer.body.updated_at)).toBeLessThanOrEqual(Date.now());
    expect(await current()).toEqual(answered(SPEC_BODY));
    const rows = await api.app.get(DataSource).query('SELECT resource, updated_by FROM thresholds ORDER BY id');
    expect(rows).toEqual([
      { resource: 'cpu', updated_by: 1 },
      { resource: 'memory', updated_by: 1 },
      { resource: 'disk', updated_by: 1 },
    ]);
  });

  it('a body may change one resource: the others stay', async () => {
    const answer = await api.put('/config/thresholds', { disk: { warning: 81, critical: 91 } }, { token: admin });
    expect(answer.status).toBe(200);
    expect(answer.body.thresholds).toEqual(answered({ ...SPEC_BODY, disk: { warning: 81, critical: 91 } }));
    expect(await current()).toEqual(answered({ ...SPEC_BODY, disk: { warning: 81, critical: 91 } }));
    // 0 and 100 are allowed bounds.
    expect((await api.put('/config/thresholds', { cpu: { warning: 0, critical: 100 } }, { token: admin })).status).toBe(200);
    await api.put('/config/thresholds', SPEC_BODY, { token: admin });
  });

  it('400 for every bad body, and nothing is changed (not even the valid resources of it)', async () => {
    const ok = { warning: 50, critical: 60 };
    const cases: [unknown, string][] = [
      [{ cpu: { warning: 90, critical: 90 } }, 'cpu: warning (90) doit être strictement inférieur à critical (90)'],
      [{ cpu: ok, memory: { warning: 95, critical: 80 } }, 'memory: warning (95) doit être strictement inférieur à critical (80)'],
      [{ cpu: { warning: 50, critical: 101 } }, 'critical doit être un entier entre 0 et 100'],
      [{ cpu: { warning: -1, critical: 50 } }, 'warning doit être un entier entre 0 et 100'],
      [{ cpu: { warning: 50.5, critical: 60 } }, 'warning doit être un entier entre 0 et 100'],
      [{ cpu: { warning: '50', critical: 60 } }, 'warning doit être un entier entre 0 et 100'],
      [{ cpu: { warning: 50 } }, 'critical doit être un entier entre 0 et 100'],
      [{ cpu: ok, swap: ok }, "Le champ 'swap' n'est pas autorisé"],
      [{ cpu: { ...ok, emergency: 99 } }, "Le champ 'cpu.emergency' n'est pas autorisé"],
      [{ cpu: 70 }, "Le champ 'cpu' doit être un objet {warning, critical}"],
      [{}, 'Indiquez au moins une ressource parmi cpu, memory et disk'],
      [[ok], 'Requête invalide'],
    ];
    for (const [body, message] of cases) {
      const answer = await api.put('/config/thresholds', body, { token: admin });
      expect({ body, status: answer.status, error: answer.body.error }).toEqual({ body, status: 400, error: 'Requête invalide' });
      if (message !== 'Requête invalide') expect({ body, message: answer.body.message }).toEqual({ body, message: expect.stringContaining(message) });
      expect(await current()).toEqual(answered(SPEC_BODY));
    }
  });

  it('401 without a token, 403 Accès refusé for viewer and technicien; nothing is changed', async () => {
    expectError(await api.put('/config/thresholds', { cpu: { warning: 1, critical: 2 } }), 401, 'Token manquant');
    for (const token of [viewer, technicien]) {
      const answer = await api.put('/config/thresholds', { cpu: { warning: 1, critical: 2 } }, { token });
      expect(answer.status).toBe(403);
      expect(answer.body).toEqual({ error: 'Accès refusé', message: "Permission 'config' requise pour cette action" });
    }
    expect(await current()).toEqual(answered(SPEC_BODY));
  });

  it('/alerts uses the new values on the very next request', async () => {
    const memory = async () => (await api.get('/alerts', { token: viewer })).body.alerts.find((a: { type: string }) => a.type === 'MEMORY');
    await api.put('/config/thresholds', { memory: { warning: 99, critical: 100 } }, { token: admin });
    expect(await memory()).toBeUndefined();
    await api.put('/config/thresholds', { memory: { warning: 0, critical: 1 } }, { token: admin });
    const low = await memory();
    expect(low).toEqual(expect.objectContaining({ type: 'MEMORY', level: low.value > 1 ? 'critical' : 'warning', threshold: low.value > 1 ? 1 : 0 }));
    await api.put('/config/thresholds', { memory: { warning: 0, critical: 100 } }, { token: admin });
    expect(await memory()).toEqual(expect.objectContaining({ type: 'MEMORY', level: 'warning', threshold: 0 }));
    await api.put('/config/thresholds', { memory: { warning: 99, critical: 100 } }, { token: admin });
    expect(await memory()).toBeUndefined();
  });

  it('updated_by names who changed them; it becomes null when that user is deleted', async () => {
    const second = await api.userToken('th.admin', 'admin', admin);
    const answer = await api.put('/config/thresholds', DEFAULTS, { token: second });
    expect(answer.body.updated_by).toBe('th.admin');
    const id = (await api.get('/me', { token: second })).body.id;
    expect((await api.delete(`/users/${id}`, { token: admin })).status).toBe(200);
    const rows = await api.app.get(DataSource).query('SELECT updated_by FROM thresholds');
    expect(rows).toEqual([{ updated_by: null }, { updated_by: null }, { updated_by: null }]);
    expect(await current()).toEqual(answered(DEFAULTS));
  });
});
