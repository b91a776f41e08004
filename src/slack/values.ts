// view.state.values (block_id → action_id → typed element state) → neutral FormValues keyed by
// field id. Empty inputs are absent, as core expects.
import type { FormValues } from '../core/ui/form.js';

interface ElementState {
  type?: string;
  value?: string | null;
  selected_date?: string | null;
  selected_time?: string | null;
  selected_user?: string | null;
  selected_users?: string[] | null;
  selected_option?: { value?: string } | null;
  selected_options?: { value?: string }[] | null;
}

export type SlackStateValues = Record<string, Record<string, ElementState>>;

export function formValuesFrom(state: SlackStateValues | undefined, singleCheckboxes: ReadonlySet<string> = new Set()): FormValues {
  const values: FormValues = {};
  for (const [blockId, actions] of Object.entries(state ?? {})) {
    for (const element of Object.values(actions ?? {})) {
      const value = read(element, singleCheckboxes.has(blockId));
      if (value !== undefined) values[blockId] = value;
    }
  }
  return values;
}

function read(element: ElementState, singleCheckbox: boolean): string | string[] | undefined {
  switch (element.type) {
    case 'plain_text_input':
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input':
      return nonEmpty(element.value);
    case 'datepicker':
      return nonEmpty(element.selected_date);
    case 'timepicker':
      return nonEmpty(element.selected_time);
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return element.selected_option?.value === '_none' ? undefined : nonEmpty(element.selected_option?.value);
    case 'users_select':
      return nonEmpty(element.selected_user);
    case 'multi_users_select':
      return list(element.selected_users ?? []);
    case 'multi_static_select':
    case 'multi_external_select':
      return list((element.selected_options ?? []).map((o) => o.value ?? ''));
    case 'checkboxes': {
      const selected = (element.selected_options ?? []).map((o) => o.value ?? '');
      // A lone checkbox (no options of its own) is a yes/no: 'true' when ticked, absent otherwise.
      if (singleCheckbox) return selected.includes('true') ? 'true' : undefined;
      return list(selected);
    }
    default:
      return nonEmpty(element.value ?? undefined);
  }
}

function nonEmpty(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  return value.trim() === '' ? undefined : value;
}

function list(values: string[]): string[] | undefined {
  const kept = values.filter((v) => v !== '' && v !== '_none');
  return kept.length ? kept : undefined;
}

interface ViewBlock {
  block_id?: string;
  element?: { type?: string; options?: { value?: string }[] };
}

/** The checkbox inputs the modal renderer drew as a single yes/no box (see render/modal.ts). */
export function singleCheckboxBlocks(blocks: unknown): Set<string> {
  const ids = new Set<string>();
  for (const block of (Array.isArray(blocks) ? blocks : []) as ViewBlock[]) {
    const options = block.element?.options ?? [];
    if (block.block_id && block.element?.type === 'checkboxes' && options.length === 1 && options[0]?.value === 'true') ids.add(block.block_id);
  }
  return ids;
}
