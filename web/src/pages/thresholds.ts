import { api } from '../api';
import { fill, h } from '../dom';
import { dateTime, pct } from '../format';
import type { DiskAnswer, MountFigures, MountRule, Resource, Rule, Thresholds, ThresholdsAnswer, ThresholdsChange, ThresholdsUpdated } from '../types';
import { busy, card, field, notice, pageTitle, scrollRegion } from '../ui';

const LABELS: Record<Resource, string> = { cpu: 'CPU', memory: 'Mémoire', disk: 'Disque' };
const RESOURCES = Object.keys(LABELS) as Resource[];
const MOUNTS_LIST_ID = 'seen-mounts';

/** The number inputs of one rule; `optional` ones may stay empty (an override then takes the disk's value). */
function ruleInputs(prefix: string, label: string, optional = false) {
  const input = (name: keyof Rule, min: number, max: number, step: number | 'any', text: string) =>
    h('input', { type: 'number', min, max, step, name: `${prefix}-${name}`, 'aria-label': `${label} : ${text}`, required: !optional || name === 'warning' || name === 'critical' });
  return {
    warning: input('warning', 0, 100, 1, 'seuil warning (%)'),
    critical: input('critical', 0, 100, 1, 'seuil critical (%)'),
    for_minutes: input('for_minutes', 0, 60, 1, 'maintenu pendant (minutes)'),
    clear_margin: input('clear_margin', 0, 50, 'any', 'marge de retour (points)'),
  };
}
type RuleInputs = ReturnType<typeof ruleInputs>;

/** The value typed, or undefined when left empty (NaN goes to the API as null: it answers 400 in its words). */
const typed = (input: HTMLInputElement) => (input.value.trim() === '' ? undefined : input.valueAsNumber);

function readRule(inputs: RuleInputs): Rule {
  return {
    warning: inputs.warning.valueAsNumber,
    critical: inputs.critical.valueAsNumber,
    for_minutes: inputs.for_minutes.valueAsNumber,
    clear_margin: inputs.clear_margin.valueAsNumber,
  };
}

function readMountRule(inputs: RuleInputs): MountRule {
  const rule: MountRule = { warning: inputs.warning.valueAsNumber, critical: inputs.critical.valueAsNumber };
  const forMinutes = typed(inputs.for_minutes);
  const margin = typed(inputs.clear_margin);
  if (forMinutes !== undefined) rule.for_minutes = forMinutes;
  if (margin !== undefined) rule.clear_margin = margin;
  return rule;
}

function showRule(inputs: RuleInputs, rule: MountRule): void {
  inputs.warning.value = String(rule.warning);
  inputs.critical.value = String(rule.critical);
  inputs.for_minutes.value = rule.for_minutes === undefined ? '' : String(rule.for_minutes);
  inputs.clear_margin.value = rule.clear_margin === undefined ? '' : String(rule.clear_margin);
}

const cells = (inputs: RuleInputs) => [h('td', {}, inputs.warning), h('td', {}, inputs.critical), h('td', {}, inputs.for_minutes), h('td', {}, inputs.clear_margin)];
const RULE_HEADERS = ['Warning (%)', 'Critical (%)', 'Maintenu (min)', 'Marge (points)'];

export function thresholdsPage(root: HTMLElement): () => void {
  let current: Thresholds | undefined;
  let seen: MountFigures[] = [];

  /** Sends a change and shows the thresholds the API answers. */
  async function save(change: ThresholdsChange): Promise<string> {
    const answer = await api<ThresholdsUpdated>('/config/thresholds', { method: 'PUT', body: change });
    show(answer);
    // An older refusal in another card no longer holds: the thresholds shown are the stored ones.
    for (const other of [box, overrideBox, ignoredBox]) other.clear();
    if (answer.updated_by) info.textContent = `Modifiés par ${answer.updated_by} le ${dateTime(answer.updated_at)}`;
    return answer.message;
  }

  // The three resources' rules.
  const box = notice();
  const inputs = {} as Record<Resource, RuleInputs>;
  const rows = RESOURCES.map((resource) => {
    inputs[resource] = ruleInputs(resource, LABELS[resource]);
    return h('tr', {}, h('th', { scope: 'row' }, LABELS[resource]), cells(inputs[resource]));
  });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Enregistrer');
  const info = h('p', { class: 'muted', 'data-test': 'thresholds-info' });
  const form = h(
    'form',
    {
      'data-test': 'thresholds-form',
      noValidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        void busy(submit, box, () => save(Object.fromEntries(RESOURCES.map((resource) => [resource, readRule(inputs[resource])]))));
      },
    },
    scrollRegion('Seuils par ressource', h('table', { class: 'thresholds' }, h('thead', {}, h('tr', {}, h('th', {}, 'Ressource'), RULE_HEADERS.map((title) => h('th', {}, title)))), h('tbody', {}, rows))),
    h(
      'p',
      { class: 'muted' },
      'Une alerte s’ouvre quand la valeur dépasse strictement le seuil (warning sous critical). ',
      'Maintenu : 0 compare le dernier échantillon, N la moyenne des N dernières minutes (0 à 60) ; l’alerte reste « en attente » tant que la fenêtre n’est pas couverte. ',
      'Marge : une alerte ouverte ne se ferme qu’à seuil − marge ou moins (0 à 50), pour qu’une valeur qui oscille autour du seuil ne la rouvre pas sans cesse.',
    ),
    h('div', { class: 'buttons' }, submit),
  );

  // Per-mount overrides of the disk rule.
  const overrideBox = notice();
  const overrideRows = h('tbody', { 'data-test': 'override-rows' });
  const added = ruleInputs('new-mount', 'Nouvelle surcharge', true);
  const addedMount = h('input', { name: 'mount', list: MOUNTS_LIST_ID, placeholder: '/var', autocomplete: 'off' });
  const addButton = h('button', { type: 'submit', class: 'primary' }, 'Ajouter');
  const addForm = h(
    'form',
    {
      class: 'inline-form',
      'data-test': 'override-add',
      noValidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        void busy(addButton, overrideBox, async () => {
          const mount = addedMount.value.trim();
          const message = await save({ disk_mounts: { [mount]: readMountRule(added) } });
          addForm.reset();
          return `${message} : surcharge de ${mount}`;
        });
      },
    },
    field('Point de montage', addedMount),
    field('Warning (%)', added.warning),
    field('Critical (%)', added.critical),
    field('Maintenu (min, vide : celui du disque)', added.for_minutes),
    field('Marge (vide : celle du disque)', added.clear_margin),
    addButton,
  );
  const mountsList = h('datalist', { id: MOUNTS_LIST_ID });

  // Ignored mounts.
  const ignoredBox = notice();
  const ignoredList = h('ul', { class: 'mount-list', 'data-test': 'ignored-mounts' });
  const ignoredInput = h('input', { name: 'ignored', list: MOUNTS_LIST_ID, placeholder: '/boot/efi', autocomplete: 'off' });
  const ignoreButton = h('button', { type: 'submit' }, 'Ignorer');
  const ignoreForm = h(
    'form',
    {
      class: 'inline-form',
      'data-test': 'ignored-add',
      noValidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        void busy(ignoreButton, ignoredBox, async () => {
          const mount = ignoredInput.value.trim();
          const message = await save({ ignored_mounts: [...(current?.ignored_mounts ?? []), mount] });
          ignoreForm.reset();
          return `${message} : ${mount} ignoré`;
        });
      },
    },
    field('Point de montage à ne jamais alerter', ignoredInput),
    ignoreButton,
  );

  // The mounts the probe sees, and which rule each one follows.
  const seenRows = h('tbody', { 'data-test': 'mounts-seen' });

  root.append(
    pageTitle('Seuils d’alerte'),
    card('Seuils', {}, form, info, box),
    card(
      'Points de montage vus',
      {},
      scrollRegion('Points de montage vus', h('table', {}, h('thead', {}, h('tr', {}, ['Point de montage', 'Type', 'Utilisation', 'Règle appliquée'].map((title) => h('th', {}, title)))), seenRows)),
    ),
    card(
      'Surcharges par point de montage',
      { 'data-test': 'overrides' },
      h('p', { class: 'muted' }, 'Remplacent la règle Disque pour un point de montage ; un champ Maintenu ou Marge vide reprend celui du disque.'),
      scrollRegion('Surcharges par point de montage', h('table', { class: 'thresholds' }, h('thead', {}, h('tr', {}, h('th', {}, 'Point de montage'), RULE_HEADERS.map((title) => h('th', {}, title)), h('th', {}, 'Actions'))), overrideRows)),
      overrideBox,
      addForm,
      mountsList,
    ),
    card('Points de montage ignorés', { 'data-test': 'ignored' }, ignoredList, ignoredBox, ignoreForm),
  );

  function overrideRow(mount: string, rule: MountRule): HTMLTableRowElement {
    const row = ruleInputs(`mount:${mount}`, `Surcharge de ${mount}`, true);
    showRule(row, rule);
    row.for_minutes.placeholder = String(current?.disk.for_minutes ?? '');
    row.clear_margin.placeholder = String(current?.disk.clear_margin ?? '');
    const update = h('button', { type: 'button' }, 'Enregistrer');
    const remove = h('button', { type: 'button', class: 'danger' }, 'Retirer');
    update.addEventListener('click', () => void busy(update, overrideBox, async () => `${await save({ disk_mounts: { [mount]: readMountRule(row) } })} : surcharge de ${mount}`));
    remove.addEventListener('click', () => void busy(remove, overrideBox, async () => `${await save({ disk_mounts: { [mount]: null } })} : surcharge de ${mount} retirée`));
    return h('tr', { 'data-test': `override-${mount}` }, h('th', { scope: 'row', class: 'name' }, mount), cells(row), h('td', {}, h('div', { class: 'actions' }, update, remove)));
  }

  function ignoredItem(mount: string): HTMLLIElement {
    const remove = h('button', { type: 'button', class: 'small', 'aria-label': `Ne plus ignorer ${mount}` }, 'Retirer');
    remove.addEventListener('click', () =>
      void busy(remove, ignoredBox, async () => `${await save({ ignored_mounts: (current?.ignored_mounts ?? []).filter((other) => other !== mount) })} : ${mount} de nouveau surveillé`),
    );
    return h('li', { 'data-test': `ignored-${mount}` }, h('code', {}, mount), ' ', remove);
  }

  function ruleOf(mount: string): string {
    if (!current) return '–';
    if (current.ignored_mounts.includes(mount)) return 'ignoré';
    const override = current.disk_mounts[mount];
    if (override) return `surcharge ${override.warning} / ${override.critical} %`;
    return `Disque ${current.disk.warning} / ${current.disk.critical} %`;
  }

  function showSeen(): void {
    const mounts = new Set([...seen.map((item) => item.mount), ...Object.keys(current?.disk_mounts ?? {}), ...(current?.ignored_mounts ?? [])]);
    fill(mountsList, [...mounts].sort().map((mount) => h('option', { value: mount })));
    fill(
      seenRows,
      seen.length === 0
        ? h('tr', {}, h('td', { colSpan: 4, class: 'muted' }, 'Aucun point de montage lu (GET /disk)'))
        : seen.map((item) => h('tr', { 'data-test': `seen-${item.mount}` }, h('td', { class: 'name' }, item.mount), h('td', {}, item.fs_type), h('td', {}, pct(item.usage_percent)), h('td', {}, ruleOf(item.mount)))),
    );
  }

  function show(answer: ThresholdsAnswer): void {
    current = answer.thresholds;
    for (const resource of RESOURCES) showRule(inputs[resource], current[resource]);
    const overrides = Object.entries(current.disk_mounts);
    fill(
      overrideRows,
      overrides.length === 0
        ? h('tr', {}, h('td', { colSpan: 6, class: 'muted', 'data-test': 'no-override' }, 'Aucune surcharge : tous les points de montage suivent la règle Disque'))
        : overrides.map(([mount, rule]) => overrideRow(mount, rule)),
    );
    fill(ignoredList, current.ignored_mounts.length === 0 ? h('li', { class: 'muted', 'data-test': 'no-ignored' }, 'Aucun : tous les points de montage réels sont surveillés') : current.ignored_mounts.map(ignoredItem));
    showSeen();
  }

  api<ThresholdsAnswer>('/config/thresholds').then(show, (error) => box.error(error));
  api<DiskAnswer>('/disk').then(
    (answer) => {
      seen = answer.mounts;
      showSeen();
    },
    // The list is a help: the rules can be edited without it.
    () => undefined,
  );
  return () => undefined;
}
