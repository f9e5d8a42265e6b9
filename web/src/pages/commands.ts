import { api } from '../api';
import { fill, h } from '../dom';
import type { CommandResult, CommandSummary } from '../types';
import { busy, card, notice, pageTitle } from '../ui';

/** The allow-listed diagnostic commands (`execute` permission): technicians and admins. */
export function commandsPage(root: HTMLElement): () => void {
  const box = notice();
  const list = h('div', { class: 'grid commands', 'data-test': 'commands' });
  const output = h('pre', { class: 'output', 'data-test': 'command-output' }, 'Choisissez une commande.');
  root.append(pageTitle('Commandes'), box, list, card('Résultat', {}, output));

  function entry(command: CommandSummary): HTMLElement {
    const service = command.service_param
      ? h('select', { name: 'service', 'aria-label': `Service pour ${command.name}` }, (command.services ?? []).map((name) => h('option', { value: name }, name)))
      : null;
    const run = h('button', { type: 'button', class: 'primary' }, 'Exécuter');
    run.addEventListener('click', () =>
      void busy(run, box, async () => {
        const result = await api<CommandResult>(`/commands/${encodeURIComponent(command.name)}`, {
          method: 'POST',
          body: service ? { service: service.value } : {},
          timeoutMs: 120_000,
        });
        fill(
          output,
          `$ ${command.name}${result.service ? ` ${result.service}` : ''}  (code ${result.exit_code ?? 'tué'}, ${result.duration_ms} ms${result.timed_out ? ', délai dépassé' : ''}${result.truncated ? ', sortie tronquée' : ''})\n`,
          result.stdout,
          result.stderr ? `\n${result.stderr}` : '',
        );
      }),
    );
    return h('section', { class: 'card command' }, h('h2', {}, command.name), h('p', { class: 'muted' }, command.description), h('div', { class: 'buttons' }, service, run));
  }

  api<{ commands: CommandSummary[] }>('/commands').then(
    (answer) => fill(list, answer.commands.map(entry)),
    (error) => box.error(error),
  );
  return () => undefined;
}
