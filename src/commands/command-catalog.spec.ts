import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bindService, CommandCatalogError, loadCommandCatalog } from './command-catalog';

const dir = mkdtempSync(join(tmpdir(), 'hc-catalog-'));
let counter = 0;
function file(content: unknown): string {
  const path = join(dir, `commands-${counter++}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('loadCommandCatalog', () => {
  it('loads the shipped default file with absolute executables', () => {
    const { commands } = loadCommandCatalog(join(__dirname, '..', '..', 'config', 'commands.json'));
    const names = commands.map((entry) => entry.name);
    expect(names).toEqual(expect.arrayContaining(['uptime', 'disk-usage', 'memory', 'top-processes']));
    for (const entry of commands) expect(entry.argv[0]).toMatch(/^\//);
    expect(commands.find((entry) => entry.name === 'top-processes')?.maxLines).toBe(16);
  });

  it('binds the service placeholder only where declared', () => {
    const { commands } = loadCommandCatalog(
      file({ commands: [{ name: 'st', description: 'status', argv: ['echo', 'status', '{service}'], service_param: true }] }),
    );
    expect(bindService(commands[0], 'nginx')).toEqual(['/usr/bin/echo', 'status', 'nginx']);
  });

  it('leaves out entries whose executable is not installed', () => {
    const { commands, missing } = loadCommandCatalog(
      file({ commands: [{ name: 'ghost', description: 'absent', argv: ['no-such-binary-hc7'] }, { name: 'up', description: 'up', argv: ['uptime'] }] }),
    );
    expect(commands.map((entry) => entry.name)).toEqual(['up']);
    expect(missing).toEqual(['ghost (no-such-binary-hc7 not found)']);
  });

  it.each([
    ['not JSON', '{nope', /not valid JSON/],
    ['no list', { nope: [] }, /expected an object/],
    ['bad name', { commands: [{ name: 'Bad Name', description: 'x', argv: ['uptime'] }] }, /name must match/],
    ['duplicate', { commands: [{ name: 'a', description: 'x', argv: ['uptime'] }, { name: 'a', description: 'y', argv: ['uptime'] }] }, /declared twice/],
    ['empty argv', { commands: [{ name: 'a', description: 'x', argv: [] }] }, /argv must be/],
    ['string argv', { commands: [{ name: 'a', description: 'x', argv: 'uptime -p' }] }, /argv must be/],
    ['unknown key', { commands: [{ name: 'a', description: 'x', argv: ['uptime'], shell: true }] }, /unknown key 'shell'/],
    ['placeholder without flag', { commands: [{ name: 'a', description: 'x', argv: ['echo', '{service}'] }] }, /service_param is not true/],
    ['flag without placeholder', { commands: [{ name: 'a', description: 'x', argv: ['echo'], service_param: true }] }, /has no '\{service\}'/],
    ['partial placeholder', { commands: [{ name: 'a', description: 'x', argv: ['echo', '--unit={service}'], service_param: true }] }, /whole argument/],
    ['bad max_lines', { commands: [{ name: 'a', description: 'x', argv: ['uptime'], max_lines: 0 }] }, /max_lines/],
  ])('refuses %s with a message naming COMMANDS_FILE', (_label, content, why) => {
    const path = file(content);
    expect(() => loadCommandCatalog(path)).toThrow(CommandCatalogError);
    expect(() => loadCommandCatalog(path)).toThrow(new RegExp(`^COMMANDS_FILE=${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    expect(() => loadCommandCatalog(path)).toThrow(why);
  });

  it('names a missing file', () => {
    expect(() => loadCommandCatalog(join(dir, 'absent.json'))).toThrow(/absent\.json: cannot be read/);
  });
});
