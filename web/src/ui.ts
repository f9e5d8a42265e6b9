import { describe } from './api';
import { Child, fill, h } from './dom';

/** A line where a form or a page reports how its last action went. */
export function notice(): HTMLDivElement & { error(e: unknown): void; ok(text: string): void; clear(): void } {
  const box = h('div', { class: 'notice', role: 'status', 'aria-live': 'polite' }) as any;
  box.error = (error: unknown) => {
    box.className = 'notice error';
    box.setAttribute('data-test', 'error');
    fill(box, describe(error));
    const details: string[] = (error as { details?: string[] })?.details ?? [];
    if (details.length > 1) box.appendChild(h('ul', {}, details.map((line) => h('li', {}, line))));
  };
  box.ok = (text: string) => {
    box.className = 'notice ok';
    box.setAttribute('data-test', 'success');
    fill(box, text);
  };
  box.clear = () => {
    box.className = 'notice';
    box.removeAttribute('data-test');
    fill(box);
  };
  return box;
}

export function card(title: string, props: Record<string, unknown>, ...children: Child[]): HTMLElement {
  return h('section', { class: 'card', ...props }, h('h2', {}, title), ...children);
}

export function field(label: string, input: HTMLElement): HTMLLabelElement {
  return h('label', { class: 'field' }, h('span', {}, label), input);
}

/** Runs a form action with the button disabled, reporting the API's error. */
export async function busy(button: HTMLButtonElement, box: ReturnType<typeof notice>, action: () => Promise<string | void>) {
  button.disabled = true;
  box.clear();
  try {
    const text = await action();
    if (text) box.ok(text);
  } catch (error) {
    box.error(error);
  } finally {
    button.disabled = false;
  }
}

/** Calls `tick` now and then every `ms` after each run ends; returns the stop function. */
export function every(ms: number, tick: () => Promise<void>): () => void {
  let stopped = false;
  let timer: number | undefined;
  const run = async () => {
    try {
      await tick();
    } finally {
      if (!stopped) timer = window.setTimeout(run, ms);
    }
  };
  void run();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
}

/**
 * A table that may scroll sideways (a phone): the scroll box is a named region a keyboard can reach
 * (tabindex 0), so the hidden columns are not for mouse users only.
 */
export function scrollRegion(label: string, table: HTMLTableElement): HTMLElement {
  return h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': label }, table);
}

export function pageTitle(text: string, ...extra: Child[]): HTMLElement {
  return h('div', { class: 'page-title' }, h('h1', {}, text), ...extra);
}
