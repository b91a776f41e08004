import type { FormId } from '../ui/form.js';
import type { FormDefinition } from './types.js';
import { meetingForm } from './meeting.form.js';
import { cpdForm } from './cpd.form.js';
import { reflectionForm } from './reflection.form.js';
import { goalForm } from './goal.form.js';

export const FORMS: Readonly<Record<FormId, FormDefinition>> = {
  meeting: meetingForm,
  cpd: cpdForm,
  reflection: reflectionForm,
  goal: goalForm,
};
