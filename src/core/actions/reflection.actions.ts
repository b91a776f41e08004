// "Answer now" on a reflection prompt (value: the prompt id) opens the reflection form.
import { buildReflectionForm } from '../forms/reflection.form.js';
import type { ActionDefinition } from './types.js';

export const reflectionActions: ActionDefinition[] = [
  {
    id: 'reflection.open',
    async run({ ctx, actor, value }) {
      return { kind: 'form', view: await buildReflectionForm(ctx, actor, {}, value.trim()) };
    },
  },
];
